/**
 * How much a thinking model may reason before a call's answer (see ThoughtOptions in the LLM port).
 * Prose gains nothing from reasoning first: every call asks to skip it where the chat template
 * allows, and a model that reasons anyway (a DeepSeek-R1 distill, gpt-oss) does so from a budget
 * of its own, on top of the tokens the answer is given, so reasoning can never eat the prose.
 */
import type { ThoughtOptions } from "../../shared/llm/llm-port";

/** A prose call (a draft, a continuation, an ending, a revision): a quarter of the answer's tokens, 64 to 512. */
export function proseThoughts(maxTokens: number): ThoughtOptions {
  return { skip: true, budget: Math.max(64, Math.min(512, Math.round(maxTokens / 4))) };
}

/** A small JSON call (the judge, the fact reader): a short budget; the answer is a few tokens. */
export const JSON_THOUGHTS: ThoughtOptions = { skip: true, budget: 128 };

/** A retry after reasoning ate a whole reply: a thought is closed as soon as it opens. */
export const NO_THOUGHTS: ThoughtOptions = { skip: true, budget: 0 };
