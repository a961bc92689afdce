import { t } from "../strings";
import type { PlanState } from "./drafting-store";

type PlanUnit = NonNullable<PlanState["plan"]>["units"][number];
type Start = NonNullable<PlanUnit["start"]>;
type End = NonNullable<PlanUnit["end"]>;
export type StatesEdit = { start?: Start | null; end?: End | null };

const list = (s: string, sep: RegExp) => s.split(sep).map((x) => x.trim()).filter(Boolean);

/**
 * A leaf's states at its joins (where it starts and ends, who is there, what has just happened,
 * what is open), folded under one line; each field commits on blur, the state whole. A start
 * that follows the end before it is shown as that end; changing it makes it the unit's own, and
 * clearing its place makes it follow again.
 */
export function UnitStates({ unit, onCommit }: { unit: PlanUnit; onCommit: (edit: StatesEdit) => void }) {
  const s = t.drafting.plan.states;
  const start: Start = unit.start ?? { where: "", present: [] };
  const end: End = unit.end ?? { where: "", present: [], happened: "", open: [] };
  const setStart = (patch: Partial<Start>) => {
    const next = { ...start, ...patch };
    if (JSON.stringify(next) !== JSON.stringify(start)) onCommit({ start: next.where.trim() ? next : null });
  };
  const setEnd = (patch: Partial<End>) => {
    const next = { ...end, ...patch };
    if (JSON.stringify(next) !== JSON.stringify(end)) onCommit({ end: next.where.trim() ? next : null });
  };
  const field = (label: string, value: string, commit: (v: string) => void) => (
    <label>
      <span>{label}</span>
      <input aria-label={`${label} (${unit.heading})`} defaultValue={value} key={value} onBlur={(e) => commit(e.target.value)} />
    </label>
  );
  return (
    <details className="unit-states" data-testid="unit-states">
      <summary>{unit.start || unit.end ? s.line(unit.start?.where ?? null, unit.end?.where ?? null) : s.none}</summary>
      <fieldset>
        <legend>{unit.startFollows ? s.startsFollow : s.starts}</legend>
        {field(s.where, start.where, (v) => setStart({ where: v }))}
        {field(s.who, start.present.join(", "), (v) => setStart({ present: list(v, /,/) }))}
      </fieldset>
      <fieldset>
        <legend>{s.ends}</legend>
        {field(s.where, end.where, (v) => setEnd({ where: v }))}
        {field(s.who, end.present.join(", "), (v) => setEnd({ present: list(v, /,/) }))}
        {field(s.happened, end.happened, (v) => setEnd({ happened: v.trim() }))}
        {field(s.open, end.open.join("; "), (v) => setEnd({ open: list(v, /;/) }))}
      </fieldset>
    </details>
  );
}
