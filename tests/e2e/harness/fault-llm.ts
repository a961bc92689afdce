/**
 * Test-only fault injection around an LlmPort (the test entry, serve-for-tests.ts, wraps the
 * real runtime with it; no production file knows it exists). `omit` names a required moment by
 * words of its content: the judge says "no" about it while the text lacks it, and the reviser's
 * passage for it then carries it, so the studio gets a deterministic failing check and a
 * revision that answers it. It reads the engine's prompts, which only a test may do.
 */
import type { GenerateRequest, GenerateResult, LlmPort } from "../../../electron/shared/llm/llm-port";

export interface Faults {
  /** required moments (their content, or words of it) the judge says are missing */
  omit: string[];
}

const lastUser = (r: GenerateRequest) => [...r.messages].reverse().find((m) => m.role === "user")?.content ?? "";
const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();

export function withFaults(inner: LlmPort, faults: Faults): LlmPort {
  const targets = faults.omit.map(norm).filter(Boolean);
  if (targets.length === 0) return inner;
  return {
    info: () => inner.info(),
    countTokens: (t) => inner.countTokens(t),
    leaseSequence: (s) => inner.leaseSequence(s),
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const ask = lastUser(request);
      const requirement = /^Requirement: (.*)$/m.exec(ask)?.[1];
      if (requirement !== undefined && targets.some((t) => norm(requirement).includes(t))) {
        return { text: '{"answer": "no"}', stopReason: "eos", promptTokens: 0, completionTokens: 4, millis: 0 };
      }
      // the reviser's ask to write a missing item into a paragraph (and its older wording)
      const includes = /(?:rewrite this paragraph so that it also includes|write a short passage that includes): (.*)$/m.exec(ask)?.[1];
      const inserted = includes !== undefined && targets.some((t) => norm(includes).includes(t)) ? includes.trim() : undefined;
      const result = await inner.generate(request);
      if (inserted !== undefined) return { ...result, text: `${/[.!?]$/.test(inserted) ? inserted : `${inserted}.`} ${result.text.trim()}` };
      return result;
    },
  };
}
