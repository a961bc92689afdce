/**
 * Test-only: a log of the model calls drafting makes, one JSON line each, appended to a file so
 * it survives the server being stopped and started again. A drafting call names the unit it
 * writes in its prompt ("Now write Chapter 3"); reading that is for tests only.
 */
import { appendFileSync, readFileSync } from "node:fs";
import type { LlmPort } from "../../../electron/shared/llm/llm-port";

export interface LoggedCall {
  /** the unit a drafting call writes (null for the judge, the fact reader, planning) */
  unit: string | null;
  continues: boolean;
}

export function withCallLog(inner: LlmPort, file: string): LlmPort {
  return {
    info: () => inner.info(),
    countTokens: (t) => inner.countTokens(t),
    leaseSequence: (s) => inner.leaseSequence(s),
    generate(request) {
      const user = [...request.messages].reverse().find((m) => m.role === "user")?.content ?? "";
      const unit = request.jsonSchema ? null : (/^Now write ([^\n(.:]+?)(?:[.(:]|\s*$)/m.exec(user)?.[1]?.trim() ?? null);
      const line: LoggedCall = { unit, continues: request.continueFrom !== undefined };
      appendFileSync(file, `${JSON.stringify(line)}\n`);
      return inner.generate(request);
    },
  };
}

export function readCallLog(file: string): LoggedCall[] {
  let text = "";
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return [];
  }
  return text.split("\n").filter(Boolean).map((l) => JSON.parse(l) as LoggedCall);
}

/** Drafting calls per unit heading. */
export function draftingCallsPerUnit(calls: LoggedCall[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of calls) if (c.unit) out.set(c.unit, (out.get(c.unit) ?? 0) + 1);
  return out;
}
