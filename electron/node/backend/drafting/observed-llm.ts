/**
 * The model as the studio hands it to a run or an assist, watched: every token streamed is
 * counted (the run's live tokens per second), and every call is handed on whole (what went in,
 * what came out) for the call ledger. The engine says what each call is for (its purpose); the
 * model never sees that.
 */
import type { CallPurpose, ChatMessage, GenerateRequest, GenerateResult, LlmPort } from "../../../shared/llm/llm-port";

export interface ObservedCall {
  purpose: CallPurpose | null;
  messages: ChatMessage[];
  continueFrom: string | null;
  result: GenerateResult;
  startedAt: number;
}

export interface CallObserver {
  /** tokens streamed; at a call's end the count is set right by its own total */
  tokens?(n: number): void;
  call?(c: ObservedCall): void;
}

export function observeLlm(inner: LlmPort, observer: CallObserver): LlmPort {
  return {
    info: () => inner.info(),
    countTokens: (t) => inner.countTokens(t),
    leaseSequence: (s) => inner.leaseSequence(s),
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const { purpose, ...forModel } = request;
      const startedAt = Date.now();
      let streamed = 0;
      const result = await inner.generate({
        ...forModel,
        onDelta: (delta) => {
          streamed++;
          observer.tokens?.(1);
          request.onDelta?.(delta);
        },
      });
      // deltas are tokens as they come; the call's own count (thoughts included) is the truth
      if (result.completionTokens !== streamed) observer.tokens?.(result.completionTokens - streamed);
      observer.call?.({ purpose: purpose ?? null, messages: request.messages, continueFrom: request.continueFrom ?? null, result, startedAt });
      return result;
    },
  };
}
