/** The context ledger: what went into every model call and what the engine did to the text, with token counts. */

export type LedgerKind =
  | "plan" | "plan-review" | "extract"
  | "generate" | "continue" | "judge" | "revise"
  /** reading a finished unit's cue sentences for facts */
  | "facts"
  /** reading the two sides of a join (seam), and rewriting one side to bridge it */
  | "seam" | "bridge"
  /** deterministic actions, no tokens */
  | "stop" | "trim" | "cut-loop" | "replace-name";

export interface LedgerEntry {
  unitId: string | null;
  kind: LedgerKind;
  promptTokens: number;
  completionTokens: number;
  millis: number;
  stopReason?: string;
  /** What the prompt was built from: section name, size in characters and in the model's tokens. */
  sections?: { name: string; chars: number; tokens?: number }[];
  wordsBefore?: number;
  wordsAfter?: number;
  note?: string;
}

export function ledgerTotals(entries: LedgerEntry[]): { promptTokens: number; completionTokens: number; calls: number; millis: number } {
  let promptTokens = 0, completionTokens = 0, calls = 0, millis = 0;
  for (const e of entries) {
    promptTokens += e.promptTokens;
    completionTokens += e.completionTokens;
    millis += e.millis;
    if (e.promptTokens > 0 || e.completionTokens > 0) calls++;
  }
  return { promptTokens, completionTokens, calls, millis };
}
