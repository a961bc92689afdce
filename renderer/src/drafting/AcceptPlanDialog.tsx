import { useId, useState } from "react";
import { canHoldChildren, documentOrder, levelName } from "../../../electron/shared/domain/unit-tree";
import type { MethodInput } from "../../../electron/shared/contract/index";
import { Dialog } from "../components/ui/Dialog";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import "./plan-book.css";

type Placement = NonNullable<MethodInput<"plan.accept">["placement"]>;
export type AcceptChoice = { placement: Placement | null; total: "plan" | "project" };

/**
 * Before a plan's units enter a binder that already holds some, or a book whose target differs
 * from the plan's: where they go (merge, under a unit, replace) and which target the book keeps.
 */
export function AcceptPlanDialog({ planTotal, onAccept, onClose, busy }: { planTotal: number; onAccept: (c: AcceptChoice) => void; onClose: () => void; busy: boolean }) {
  const project = useApp((s) => s.project!);
  const units = project.units;
  const levels = project.meta.levels;
  const hosts = documentOrder(units).filter((u) => canHoldChildren(levels, u.level) || levels.length <= 1);
  const [mode, setMode] = useState<Placement["mode"]>("merge");
  const [under, setUnder] = useState(hosts[0]?.id ?? "");
  const projectTarget = project.meta.targetWords;
  const differs = projectTarget !== null && projectTarget !== planTotal;
  const [total, setTotal] = useState<"plan" | "project">("plan");
  const name = useId();
  const totalName = useId();
  const option = (value: Placement["mode"], label: string, hint: string) => (
    <label className="choice">
      <input type="radio" name={name} value={value} checked={mode === value} onChange={() => setMode(value)} />
      <span>
        <strong>{label}</strong>
        <small className="muted">{hint}</small>
      </span>
    </label>
  );
  const submit = () =>
    onAccept({
      placement: units.length === 0 ? null : mode === "under" ? { mode, unitId: under } : { mode } as Placement,
      total,
    });
  return (
    <Dialog
      title={t.drafting.plan.where.title}
      onClose={onClose}
      onSubmit={submit}
      testId="accept-plan"
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t.ui.cancel}
          </button>
          <button type="submit" className="primary" disabled={busy || (units.length > 0 && mode === "under" && !under)}>
            {t.drafting.plan.where.confirm}
          </button>
        </>
      }
    >
      {units.length > 0 ? (
        <fieldset className="choices">
          <legend>{t.drafting.plan.where.intro(units.length, levels.join(" › "))}</legend>
          {option("merge", t.drafting.plan.where.merge, t.drafting.plan.where.mergeHint)}
          {option("under", t.drafting.plan.where.under, t.drafting.plan.where.underHint)}
          {mode === "under" ? (
            <label className="indent">
              {t.drafting.plan.where.underUnit}
              <select value={under} onChange={(e) => setUnder(e.target.value)}>
                {hosts.map((u) => (
                  <option key={u.id} value={u.id}>
                    {`${"  ".repeat(u.level)}${levelName(levels, u.level)}: ${u.title}`}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {option("replace", t.drafting.plan.where.replace, t.drafting.plan.where.replaceHint)}
        </fieldset>
      ) : null}
      {differs ? (
        <fieldset className="choices">
          <legend>{t.drafting.plan.where.total(planTotal, projectTarget)}</legend>
          <label className="choice">
            <input type="radio" name={totalName} checked={total === "plan"} onChange={() => setTotal("plan")} />
            <span>{t.drafting.plan.where.usePlan(planTotal)}</span>
          </label>
          <label className="choice">
            <input type="radio" name={totalName} checked={total === "project"} onChange={() => setTotal("project")} />
            <span>{t.drafting.plan.where.useProject(projectTarget)}</span>
          </label>
        </fieldset>
      ) : null}
    </Dialog>
  );
}
