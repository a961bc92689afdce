import { useEffect, useRef, useState } from "react";
import type { Editor } from "@tiptap/core";
import { plainTextOf } from "../../../electron/shared/markdown/plain-text";
import { updateUnit } from "../actions";
import { client } from "../client";
import { projectCountUnit } from "../components/EditorPane";
import { editorRegistry } from "../editor/editor-registry";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { useAction } from "../use-action";
import { DONE_STATUSES, findingKey, useChecks } from "./checks-store";
import { useDrafting } from "./drafting-store";
import { SeamChecks } from "./SeamChecks";

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
 * stops, in idle time, so typing never waits for them. Calm by design (checks-store.ts): while a
 * unit is being written it shows progress (words against the target, required content met), never
 * errors; findings show when they matter, each can be dismissed, and dismissals last.
 */
export function UnitChecks() {
  const handle = useApp((s) => s.project?.handle);
  const unitId = useApp((s) => s.currentUnitId);
  const status = useApp((s) => s.project?.units.find((u) => u.id === s.currentUnitId)?.status);
  const countUnit = useApp((s) => (s.project ? projectCountUnit(s.project.meta.language, s.project.meta.settings.counter) : "words"));
  const words = useApp((s) => (s.currentUnitId ? s.words[s.currentUnitId] : undefined));
  const modelWords = useApp((s) => (s.currentUnitId ? (s.modelWords[s.currentUnitId] ?? 0) : 0));
  const runDrafted = useDrafting((s) => unitId !== null && (s.run?.units.some((u) => u.unitId === unitId && u.state === "done") ?? false));
  const requested = useChecks((s) => (unitId ? (s.requested[unitId] ?? 0) : 0));
  const dismissed = useChecks((s) => s.dismissed);
  const [checks, setChecks] = useState<Checks | null>(null);
  // "done": what shows is the model's check, until typing brings the quick one back
  const [deep, setDeep] = useState<"idle" | "checking" | "done">("idle");
  const [open, setOpen] = useState(false);
  const lastRequest = useRef(requested);

  // findings matter once the writer says the unit is done, once it was drafted, or when asked
  const review = (status !== undefined && DONE_STATUSES.has(status)) || modelWords > 0 || runDrafted || requested > 0;
  const unitLabel = countUnit === "characters" ? t.units.characters : t.units.words;

  useEffect(() => {
    setChecks(null);
    setOpen(false);
    useDrafting.getState().setFindingMarks([]);
  }, [unitId]);
  useEffect(() => {
    if (!handle || !unitId) return;
    let cancelled = false;
    const run = () =>
      idle(() => {
        const text = cancelled ? null : openUnitText(unitId);
        if (text === null) return;
        client.call("monitors.check", { handle, unitId, text }).then((c) => {
          if (cancelled) return;
          setDeep((d) => (d === "checking" ? d : "idle"));
          setChecks(c);
        }, () => {});
      });
    // asked for: at once; after typing: when the writer pauses
    const asked = requested !== lastRequest.current;
    lastRequest.current = requested;
    const timer = setTimeout(run, asked ? 0 : 1200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [handle, unitId, words, requested]);
  useEffect(() => {
    if (requested > 0) setOpen(true);
  }, [requested]);

  const shown = checks && review && unitId ? checks.findings.filter((f) => !dismissed.has(findingKey(unitId, f))) : [];
  const hidden = checks && review && unitId ? checks.findings.filter((f) => dismissed.has(findingKey(unitId, f))) : [];
  const shownKey = JSON.stringify(shown.map((f) => [f.excerpt, f.message]));
  useEffect(() => useDrafting.getState().setFindingMarks(shown), [shownKey]);

  // On demand, not while typing: the judge and the fact reader cost model time.
  const checkWithModel = useAction(async () => {
    if (!handle || !unitId) return;
    const text = openUnitText(unitId);
    if (text === null) return;
    setDeep("checking");
    try {
      const c = await client.call("monitors.check", { handle, unitId, text, withModel: true });
      if (useApp.getState().currentUnitId !== unitId) return setDeep("idle");
      setDeep("done");
      setChecks(c);
    } catch (e) {
      setDeep("idle");
      throw e;
    }
  });
  const dismiss = (keys: string[], on: boolean) => handle && void useChecks.getState().setDismissed(handle, keys, on);

  if (!checks || !unitId) return null;
  const target = checks.targetWords;
  const met = checks.obligations.filter((o) => o.met === true).length;
  const off = target ? checks.words - target : 0;
  const within = target ? Math.abs(off) <= target * checks.tolerance : true;
  // the length monitor's own finding decides (and dismissing it quiets the summary too)
  const lengthOff = shown.some((f) => f.monitor === "length");
  const lengthNote = lengthOff && target ? (off > 0 ? t.drafting.checks.lengthOver(off, unitLabel) : t.drafting.checks.lengthUnder(-off, unitLabel)) : null;

  return (
    <details
      className="unit-checks"
      data-testid="unit-checks"
      data-mode={review ? "review" : "progress"}
      data-deep={deep}
      open={open}
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>
        {target ? (
          <span className="progress" data-testid="unit-progress">
            <progress max={target} value={Math.min(checks.words, target)} aria-hidden="true" />
            {t.drafting.checks.progress(checks.words, target, unitLabel)}
          </span>
        ) : (
          <span>{t.drafting.checks.words(checks.words, unitLabel)}</span>
        )}
        {checks.obligations.length ? <span>{t.drafting.checks.required(met, checks.obligations.length)}</span> : null}
        {lengthNote ? <span className="attention">{lengthNote}</span> : review && target && within ? <span className="ok">{t.drafting.checks.lengthWithin}</span> : null}
        {shown.length ? <span className="attention">{t.drafting.checks.findings(shown.length)}</span> : null}
      </summary>
      <div className="unit-checks-body">
        {checks.obligations.length ? (
          <ul className="checklist" aria-label={t.drafting.checks.requiredLabel}>
            {checks.obligations.map((o) => (
              <li key={o.id} data-testid="unit-obligation" data-met={String(o.met)} className={o.met === true ? "met" : "pending"}>
                <span aria-hidden="true">{o.met === true ? "✓" : "○"}</span> {o.text}
                {o.by === "judge" ? <span className="by-model"> ({t.drafting.checks.byModel})</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {review ? (
          shown.length ? (
            <ul className="findings" aria-label={t.drafting.checks.findingsLabel}>
              {shown.map((f) => (
                <li key={findingKey(unitId, f)} className={f.severity} data-monitor={f.monitor} data-testid="unit-finding">
                  <span className={`severity ${f.severity}`} aria-hidden="true" />
                  <span>{f.message}</span>
                  {f.suggestion ? (
                    <>
                      <span className="confidence muted" data-testid="suggestion-confidence">{t.drafting.checks.confidence(f.suggestion.confidence)}</span>
                      <button type="button" className="small" onClick={() => editorRegistry.current && replaceName(editorRegistry.current.editor, f.suggestion!.from, f.suggestion!.to)}>
                        {t.drafting.checks.replaceName(f.suggestion.from, f.suggestion.to)}
                      </button>
                    </>
                  ) : null}
                  {f.excerpt ? (
                    <button type="button" className="small quiet" onClick={() => editorRegistry.current && showInText(editorRegistry.current.editor, f.excerpt!)}>
                      {t.drafting.checks.show}
                    </button>
                  ) : null}
                  <button type="button" className="small quiet" aria-label={t.drafting.checks.dismissOf(f.message)} onClick={() => dismiss([findingKey(unitId, f)], true)}>
                    {t.drafting.checks.dismiss}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t.drafting.checks.nothingFound}</p>
          )
        ) : (
          <p className="muted">{t.drafting.checks.quiet}</p>
        )}
        {hidden.length ? (
          <p className="muted" data-testid="dismissed-findings">
            {t.drafting.checks.dismissed(hidden.length)}{" "}
            <button type="button" className="link" onClick={() => dismiss(hidden.map((f) => findingKey(unitId, f)), false)}>
              {t.drafting.checks.restore}
            </button>
          </p>
        ) : null}
        {deep === "done" ? <p className="checked-by-model">{t.drafting.checks.checkedByModel}</p> : null}
        <div className="checks-actions">
          {!review ? (
            <button type="button" className="small" onClick={() => useChecks.getState().requestCheck(unitId)}>
              {t.drafting.checks.checkNowShort}
            </button>
          ) : null}
          <button type="button" className="small" onClick={() => void checkWithModel.run()} disabled={deep === "checking"}>
            {deep === "checking" ? t.drafting.checks.checking : t.drafting.checks.withModel}
          </button>
          {status !== undefined && !DONE_STATUSES.has(status) ? (
            <button type="button" className="small quiet" onClick={() => void updateUnit(unitId, { status: "final" })}>
              {t.drafting.checks.markDone}
            </button>
          ) : null}
        </div>
        <SeamChecks unitId={unitId} />
      </div>
    </details>
  );
}
