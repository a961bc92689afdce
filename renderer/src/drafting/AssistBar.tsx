import { useEffect, useRef, useState } from "react";
import type { JSONContent } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { MODEL_TEXT_MARK } from "../../../electron/shared/markdown/provenance";
import { client } from "../client";
import { reportError } from "../actions";
import { useAction } from "../use-action";
import { editorRegistry } from "../editor/editor-registry";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { useDrafting } from "./drafting-store";

type Mode = "continue" | "expand" | "rewrite" | "scene";
interface Pending {
  assistId: string;
  unitId: string;
  mode: Mode;
  from: number;
  to: number;
  passage: string;
  doc: PmNode;
  text: string;
  status: "streaming" | "done" | "cancelled" | "failed";
  ledger: { section: string; tokens: number }[];
}

const paragraphs = (text: string): JSONContent[] =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean)
    .map((p) => ({ type: "paragraph", content: [{ type: "text", text: p, marks: [{ type: MODEL_TEXT_MARK }] }] }));

/** Continue, expand, rewrite or draft from beats, at the cursor or on the selection; the result waits as a proposal. */
export function AssistBar() {
  const handle = useApp((s) => s.project?.handle);
  const unitId = useApp((s) => s.currentUnitId);
  const locked = useDrafting((s) => (unitId ? s.locked.includes(unitId) : false));
  const [mode, setMode] = useState<Mode>("continue");
  const [words, setWords] = useState(150);
  const [instruction, setInstruction] = useState("");
  const [pending, setPending] = useState<Pending | null>(null);
  const ref = useRef<Pending | null>(null);
  ref.current = pending;

  useEffect(() => {
    const offs = [
      client.on("assist.text", (e) => {
        const p = ref.current;
        if (p?.assistId === e.assistId) setPending({ ...p, text: (e.reset ? "" : p.text) + e.text });
      }),
      client.on("assist.done", (e) => {
        const p = ref.current;
        if (p?.assistId === e.assistId) {
          setPending({ ...p, text: e.text || p.text, status: e.status });
          if (e.error) reportError(new Error(e.error));
        }
      }),
    ];
    return () => offs.forEach((off) => off());
  }, []);
  useEffect(() => setPending(null), [unitId]);

  const begin = useAction(async (handle: string, unitId: string, mode: Mode, range: { from: number; to: number }, passage: string, doc: PmNode) => {
    const r = await client.call("assist.start", { handle, unitId, mode, passage, instruction, words });
    setPending({ assistId: r.assistId, unitId, mode, ...range, passage, doc, text: "", status: "streaming", ledger: r.ledger });
  });
  const stop = useAction((handle: string, assistId: string) => client.call("assist.cancel", { handle, assistId }));

  if (!handle || !unitId) return null;

  const start = async () => {
    const ed = editorRegistry.current?.editor;
    if (!ed) return;
    const { from, to, empty, $from } = ed.state.selection;
    let range = { from, to };
    let passage = ed.state.doc.textBetween(from, to, "\n\n");
    if (empty && mode === "continue") {
      passage = ed.state.doc.textBetween(0, from, "\n\n");
    } else if (empty) {
      // no selection: the paragraph the cursor is in
      range = { from: $from.start(), to: $from.end() };
      passage = $from.parent.textContent;
    }
    if (!passage.trim()) return reportError(new Error(t.drafting.assist.nothing));
    await begin.run(handle, unitId, mode, range, passage, ed.state.doc);
  };

  const insert = () => {
    const ed = editorRegistry.current?.editor;
    const p = pending;
    if (!ed || !p || !p.text.trim()) return;
    let { from, to } = p;
    if (ed.state.doc !== p.doc) {
      if (p.mode === "continue") ({ from, to } = ed.state.selection);
      else if (to > ed.state.doc.content.size || ed.state.doc.textBetween(from, to, "\n\n") !== p.passage) {
        // stale: the passage changed since it was sent
        return reportError(new Error(t.drafting.assist.stale));
      }
    }
    // one transaction: one undo step, every word marked as the model's
    ed.chain().focus().insertContentAt({ from, to }, paragraphs(p.text)).run();
    setPending(null);
  };

  return (
    <div className="assist" data-testid="assist">
      <div className="assist-controls">
        <select aria-label={t.drafting.assist.mode} value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
          {(["continue", "expand", "rewrite", "scene"] as const).map((m) => <option key={m} value={m}>{t.drafting.assist.modes[m]}</option>)}
        </select>
        <input aria-label={t.drafting.assist.words} type="number" min={10} max={5000} value={words} onChange={(e) => setWords(Math.max(10, Math.min(5000, Number(e.target.value) || 10)))} />
        <input aria-label={t.drafting.assist.instruction} placeholder={t.drafting.assist.instructionPlaceholder} value={instruction} onChange={(e) => setInstruction(e.target.value)} />
        <button type="button" className="primary" disabled={locked || begin.busy || pending?.status === "streaming"} onClick={() => void start()}>{t.drafting.assist.write}</button>
      </div>
      {pending ? (
        <div className="assist-proposal" data-testid="assist-proposal" data-status={pending.status}>
          <p className="muted">
            {t.drafting.assist.ledger(pending.ledger.map((l) => `${l.section} ${l.tokens}`).join(" · "))}{" "}
            {pending.status !== "streaming" ? (
              <button type="button" className="link" onClick={() => useApp.getState().openDialog("calls")}>
                {t.drafting.assist.readCall}
              </button>
            ) : null}
          </p>
          <div className="assist-text" role="region" tabIndex={0} aria-label={t.drafting.assist.proposalLabel}>{pending.text}</div>
          <div className="screen-actions">
            {pending.status === "streaming" ? (
              <button type="button" onClick={() => void stop.run(handle, pending.assistId)}>{t.drafting.assist.stop}</button>
            ) : (
              <>
                <button type="button" className="primary" disabled={!pending.text.trim()} onClick={insert}>{pending.mode === "continue" ? t.drafting.assist.insert : t.drafting.assist.replace}</button>
                <button type="button" onClick={() => setPending(null)}>{t.drafting.assist.discard}</button>
              </>
            )}
          </div>
        </div>
      ) : null}
    </div>
  );
}
