/**
 * Test-only fault injection around an LlmPort, switched on by QUIRE_TEST_FAULTS (never in normal
 * use). `omit-obligation:N` makes the plan's N-th obligation fail where it is placed: the judge
 * says "no" while the text lacks it, and the reviser's passage for it then carries it, so the
 * studio gets a deterministic failing check and a revision that answers it.
 */
import type { GenerateRequest, GenerateResult, LlmPort } from "../../../shared/llm/llm-port";

export interface Fault {
  kind: "omit-obligation";
  /** 1-based position in the plan's obligations */
  index: number;
}

export function parseFaults(spec: string | undefined): Fault[] {
  if (!spec) return [];
  const faults: Fault[] = [];
  for (const part of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const m = /^omit-obligation:(\d+)$/.exec(part);
    if (!m) throw new Error(`QUIRE_TEST_FAULTS: cannot read "${part}" (expected omit-obligation:N)`);
    faults.push({ kind: "omit-obligation", index: Number(m[1]) });
  }
  return faults;
}

const lastUser = (r: GenerateRequest) => [...r.messages].reverse().find((m) => m.role === "user")?.content ?? "";

export function withFaults(inner: LlmPort, faults: Fault[], obligations: { content: string }[]): LlmPort {
  const targets = faults
    .filter((f) => f.kind === "omit-obligation")
    .map((f) => obligations[f.index - 1]?.content)
    .filter((c): c is string => !!c);
  if (targets.length === 0) return inner;
  return {
    info: () => inner.info(),
    countTokens: (t) => inner.countTokens(t),
    leaseSequence: (s) => inner.leaseSequence(s),
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const ask = lastUser(request);
      const judged = targets.find((c) => ask.startsWith(`Requirement: ${c}\n`));
      if (judged !== undefined) {
        return { text: '{"answer": "no"}', stopReason: "eos", promptTokens: 0, completionTokens: 4, millis: 0 };
      }
      const inserted = targets.find((c) => ask.includes(`write a short passage that includes: ${c}\n`));
      const result = await inner.generate(request);
      if (inserted !== undefined) return { ...result, text: `${/[.!?]$/.test(inserted) ? inserted : `${inserted}.`} ${result.text.trim()}` };
      return result;
    },
  };
}
