import { useEffect, useState } from "react";
import type { Editor } from "@tiptap/core";
import { plainTextOf } from "../../../electron/shared/markdown/plain-text";
import { client } from "../client";
import { editorRegistry } from "../editor/editor-registry";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { setFindingMarks } from "./mention-highlight";

type Checks = Awaited<ReturnType<typeof client.call<"monitors.check">>>;

const idle = (cb: () => void) => (typeof requestIdleCallback === "function" ? requestIdleCallback(cb, { timeout: 3000 }) : setTimeout(cb, 50));

/** Selects the first place the excerpt occurs in the open unit and scrolls to it. */
function showInText(editor: Editor, excerpt: string): void {
  const needle = excerpt.trim().slice(0, 60);
  if (!needle) return;
  let found: { from: number; to: number } | null = null;
  editor.state.doc.descendants((node, pos) => {
    if (found || !node.isTextblock) return !found;
    const at = node.textContent.indexOf(needle);
    if (at >= 0) found = { from: pos + 1 + at, to: pos + 1 + at + needle.length };
    return false;
  });
  if (found) editor.chain().focus().setTextSelection(found).scrollIntoView().run();
}

/**
 * The writer's click on a name suggestion: every whole-word "from" in the open unit becomes
 * "to", as one edit the writer can undo; the editor's own save takes it from there.
 */
function replaceName(editor: Editor, from: string, to: string): void {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}])`, "gu");
  const ranges: { from: number; to: number }[] = [];
  editor.state.doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    // textContent offsets are positions inside a textblock of text and marks
    for (const m of node.textContent.matchAll(re)) ranges.push({ from: pos + 1 + m.index, to: pos + 1 + m.index + m[0].length });
    return false;
  });
  if (ranges.length === 0) return;
  const tr = editor.state.tr;
  for (const r of ranges.reverse()) tr.insertText(to, r.from, r.to);
  editor.view.dispatch(tr);
}

/** The open unit's text as the editor holds it, or null when another unit is open. */
function openUnitText(unitId: string): string | null {
  const ed = editorRegistry.current;
  return ed && ed.currentUnitId === unitId ? plainTextOf(ed.editor.state.doc.toJSON()) : null;
}

/**
 * The monitors on the open unit, the writer's own text included: checked a moment after typing
 * stops, in idle time, so typing never waits for them.
 */
export function UnitChecks() {
  const handle = useApp((s) => s.project?.handle);
  const unitId = useApp((s) => s.currentUnitId);
  const words = useApp((s) => (s.currentUnitId ? s.words[s.currentUnitId] : undefined));
  const [checks, setChecks] = useState<Checks | null>(null);
  // "done": what shows is the model's check, until typing brings the quick one back
  const [deep, setDeep] = useState<"idle" | "checking" | "done">("idle");

  useEffect(() => {
    setChecks(null);
    setFindingMarks([]);
  }, [unitId]);
  useEffect(() => {
    if (!handle || !unitId) return;
    let cancelled = false;
    const timer = setTimeout(
      () =>
        idle(() => {
          const text = cancelled ? null : openUnitText(unitId);
          if (text === null) return;
          client.call("monitors.check", { handle, unitId, text }).then((c) => {
            if (cancelled) return;
            setDeep((d) => (d === "checking" ? d : "idle"));
            setChecks(c);
            setFindingMarks(c.findings);
          }, () => {});
        }),
      1200,
    );
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [handle, unitId, words]);

  // On demand, not while typing: the judge and the fact reader cost model time.
  const checkWithModel = () => {
    if (!handle || !unitId) return;
    const text = openUnitText(unitId);
    if (text === null) return;
    setDeep("checking");
    client.call("monitors.check", { handle, unitId, text, withModel: true }).then(
      (c) => {
        if (useApp.getState().currentUnitId !== unitId) return setDeep("idle");
        setDeep("done");
        setChecks(c);
        setFindingMarks(c.findings);
      },
      (e: unknown) => {
        setDeep("idle");
        useApp.getState().notify({ kind: "warning", text: e instanceof Error ? e.message : String(e) });
      },
    );
  };

  if (!checks || (!checks.targetWords && checks.obligations.length === 0 && checks.findings.length === 0)) return null;
  const within = checks.targetWords ? Math.abs(checks.words - checks.targetWords) <= checks.targetWords * checks.tolerance : true;
  const met = checks.obligations.filter((o) => o.met === true).length;
  return (
    <details className="unit-checks" data-testid="unit-checks" data-deep={deep}>
      <summary>
        {checks.targetWords ? <span className={within ? "ok" : "off"}>{t.drafting.checks.length(checks.words, checks.targetWords)}</span> : null}
        {checks.obligations.length ? <span>{t.drafting.checks.required(met, checks.obligations.length)}</span> : null}
        {checks.findings.length ? <span className="off">{t.drafting.checks.findings(checks.findings.length)}</span> : null}
      </summary>
      {checks.obligations.length ? (
        <ul className="checklist" aria-label={t.drafting.checks.requiredLabel}>
          {checks.obligations.map((o) => (
            <li key={o.id} data-testid="unit-obligation" data-met={String(o.met)} className={o.met === true ? "met" : "unmet"}>
              <span aria-hidden="true">{o.met === true ? "✓" : "○"}</span> {o.text}
              {o.by === "judge" ? <span className="by-model"> ({t.drafting.checks.byModel})</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {checks.findings.length ? (
        <ul className="findings" aria-label={t.drafting.checks.findingsLabel}>
          {checks.findings.map((f, i) => (
            <li key={i} className={f.severity} data-monitor={f.monitor}>
              {f.message}{" "}
              {f.suggestion ? (
                <>
                  <span className="confidence" data-testid="suggestion-confidence">({t.drafting.checks.confidence(f.suggestion.confidence)})</span>{" "}
                  <button type="button" className="link" onClick={() => editorRegistry.current && replaceName(editorRegistry.current.editor, f.suggestion!.from, f.suggestion!.to)}>
                    {t.drafting.checks.replaceName(f.suggestion.from, f.suggestion.to)}
                  </button>{" "}
                </>
              ) : null}
              {f.excerpt ? <button type="button" className="link" onClick={() => editorRegistry.current && showInText(editorRegistry.current.editor, f.excerpt!)}>{t.drafting.checks.show}</button> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {deep === "done" ? <p className="checked-by-model">{t.drafting.checks.checkedByModel}</p> : null}
      <button type="button" onClick={checkWithModel} disabled={deep === "checking"}>
        {deep === "checking" ? t.drafting.checks.checking : t.drafting.checks.withModel}
      </button>
    </details>
  );
}
