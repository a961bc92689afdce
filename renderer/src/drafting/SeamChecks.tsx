import { useEffect, useState } from "react";
import { plainTextOf } from "../../../electron/shared/markdown/plain-text";
import { client } from "../client";
import { editorRegistry } from "../editor/editor-registry";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { useAction } from "../use-action";
import { applyBridge } from "./apply-bridge";
import { InlineDiff } from "./ReviewScreen";

type Seams = Awaited<ReturnType<typeof client.call<"seams.check">>>;

/**
 * The seam check on the open unit, when the writer asks: does it follow on from the unit before
 * and lead into the unit after? A join that does not hold shows what is wrong and, where the
 * model made one, a bridge the writer can put into the text (undoable) or leave.
 */
export function SeamChecks({ unitId }: { unitId: string }) {
  const handle = useApp((s) => s.project?.handle);
  const [seams, setSeams] = useState<Seams | null>(null);
  const [used, setUsed] = useState<Set<number>>(new Set());
  useEffect(() => {
    setSeams(null);
    setUsed(new Set());
  }, [unitId]);
  const check = useAction(async () => {
    const ed = editorRegistry.current;
    if (!handle || !ed || ed.currentUnitId !== unitId) return;
    setUsed(new Set());
    setSeams(await client.call("seams.check", { handle, unitId, text: plainTextOf(ed.editor.state.doc.toJSON()) }));
  });
  const use = (k: number, passage: string, rewritten: string) => {
    const ed = editorRegistry.current;
    if (!ed || ed.currentUnitId !== unitId) return;
    if (applyBridge(ed.editor, passage, rewritten)) setUsed((u) => new Set(u).add(k));
    else setSeams(null);
  };
  const s = t.drafting.checks.seams;
  return (
    <div className="seam-checks" data-testid="seam-checks">
      <button type="button" className="small" onClick={() => void check.run()} disabled={check.busy}>
        {check.busy ? s.checking : s.check}
      </button>
      {seams ? (
        seams.joins.length === 0 ? <p className="muted">{s.none}</p> : (
          <ul className="findings" aria-label={s.label}>
            {seams.joins.map((j, k) => (
              <li key={k} data-testid="seam" data-joins={String(j.joins)} className={j.joins ? "ok" : "warning"}>
                <span>{j.joins ? s.joins(j.side, j.neighbour) : s.breaks(j.side, j.neighbour, j.problem ?? "")}</span>
                {j.bridge && !used.has(k) ? (
                  <>
                    <InlineDiff parts={j.bridge.parts} />
                    <button type="button" className="small" onClick={() => use(k, j.bridge!.passage, j.bridge!.rewritten)}>{s.use}</button>
                  </>
                ) : null}
                {used.has(k) ? <span className="muted">{s.used}</span> : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </div>
  );
}
