/** What monitors report. A finding with a `fix` can be acted on by the reviser. */

export type MonitorName = "length" | "obligation" | "consistency" | "degeneration";

export type Fix =
  | { kind: "expand"; words: number }
  | { kind: "trim"; words: number }
  | { kind: "insert-obligation"; obligationId: string; content: string }
  | { kind: "replace-name"; from: string; to: string }
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
}
