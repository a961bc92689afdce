/** Evaluation metrics: LongBench-Write's length score S_l and the per-task figures the harness reports. */

/** S_l with x the requested length and y the produced one (LongBench-Write). */
export function lengthScore(requested: number, produced: number): number {
  if (requested <= 0) return 0;
  if (produced <= 0) return 0;
  if (produced > requested) return 100 * Math.max(0, 1 - (produced / requested - 1) / 3);
  return 100 * Math.max(0, 1 - (requested / produced - 1) / 2);
}

export interface SystemResult {
  words: number;
  lengthScore: number;
  /** share of units within ±10 % of budget (the baseline's single unit is the whole text) */
  unitsWithin10: number;
  /** every planned unit present and non-empty */
  complete: boolean;
  /** obligations met / obligations (null when the task has none) */
  obligationsMet: number | null;
  repetitionRate: number;
  tokens: number;
  seconds: number;
  /** per unit: target and words, for the chart */
  units: { target: number; words: number }[];
}

export interface TaskResult {
  id: string;
  targetWords: number;
  countUnit: "words" | "characters";
  quire: SystemResult;
  baseline: SystemResult;
}

export interface EvalSummary {
  tasks: number;
  quire: Aggregate;
  baseline: Aggregate;
}

export interface Aggregate {
  lengthScore: number;
  unitsWithin10: number;
  completion: number;
  obligationsMet: number | null;
  repetitionRate: number;
  tokens: number;
  seconds: number;
}

function mean(xs: number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function aggregate(results: SystemResult[]): Aggregate {
  const obl = results.map((r) => r.obligationsMet).filter((x): x is number => x !== null);
  return {
    lengthScore: mean(results.map((r) => r.lengthScore)),
    unitsWithin10: mean(results.map((r) => r.unitsWithin10)),
    completion: mean(results.map((r) => (r.complete ? 1 : 0))),
    obligationsMet: obl.length > 0 ? mean(obl) : null,
    repetitionRate: mean(results.map((r) => r.repetitionRate)),
    tokens: results.reduce((a, r) => a + r.tokens, 0),
    seconds: results.reduce((a, r) => a + r.seconds, 0),
  };
}

export function summarise(tasks: TaskResult[]): EvalSummary {
  return { tasks: tasks.length, quire: aggregate(tasks.map((t) => t.quire)), baseline: aggregate(tasks.map((t) => t.baseline)) };
}
