/** The context ledger: what went into every model call and what the engine did to the text, with token counts. */

export type LedgerKind =
  | "plan" | "plan-review" | "extract"
  | "generate" | "continue" | "judge" | "revise"
  /** a unit that ran past its budget asked for a short ending (drafting, like generate and continue) */
  | "ending"
  /** reading a finished unit's cue sentences for facts */
  | "facts"
  /** reading the two sides of a join (seam), and rewriting one side to bridge it */
  | "seam" | "bridge"
  /** deterministic actions, no tokens */
  | "stop" | "trim" | "cut-loop" | "replace-name"
  /** the reply cleaner took something out of a reply before it counted (see `removed`) */
  | "strip"
  /** a reply that was not the prose asked for (a refusal, a list, another language, nothing) was thrown away and asked for again */
  | "retry";

/** The kinds that write the unit's prose: what is not one of them is work outside drafting. */
export const DRAFTING_KINDS: readonly LedgerKind[] = ["generate", "continue", "ending"];

export interface LedgerEntry {
  unitId: string | null;
  kind: LedgerKind;
  promptTokens: number;
  /** Tokens generated, reasoning included. */
  completionTokens: number;
  /** How many of completionTokens were reasoning (thought segments), never part of the text. */
  thoughtTokens?: number;
  millis: number;
  stopReason?: string;
  /** What the prompt was built from: section name, size in characters and in the model's tokens. */
  sections?: { name: string; chars: number; tokens?: number }[];
  wordsBefore?: number;
  wordsAfter?: number;
  note?: string;
  /** A strip: what the reply cleaner removed (kind: "preamble", "reasoning", "next-unit"…), clipped, and its size. */
  removed?: { kind: string; chars: number; text: string };
  /** A call whose reply was thrown away: what it was instead of prose ("refusal", "list", "wrong-language", "empty"). */
  rejected?: string;
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
