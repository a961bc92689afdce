/** What monitors report. A finding with a `fix` can be acted on by the reviser; one with a `suggestion` only by the writer. */

export type MonitorName = "length" | "obligation" | "consistency" | "degeneration";

export type Fix =
  | { kind: "expand"; words: number }
  | { kind: "trim"; words: number }
  | { kind: "insert-obligation"; obligationId: string; content: string }
  | { kind: "rewrite-passage"; passage: string; instruction: string }
  | { kind: "cut-loop"; at: number };

export interface Finding {
  monitor: MonitorName;
  severity: "error" | "warning" | "info";
  code: string;
  message: string;
  unitId?: string;
  obligationId?: string;
  /** The text the finding points at, for the writer and the reviser. */
  excerpt?: string;
  fix?: Fix;
  /** What the writer may choose to do; never applied by the reviser or autopilot. */
  suggestion?: Suggestion;
}

/** A change only the writer's click applies (a name fix), with how sure the monitor is, 0 to 1. */
export type Suggestion = { kind: "replace-name"; from: string; to: string; confidence: number };
