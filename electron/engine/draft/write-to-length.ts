/**
 * Length control that does not depend on model quality. While text streams in, stop at a
 * sentence end once the target is reached (or anywhere past the upper bound); when the model
 * ends early, continue from the text so far (with a floor on new tokens); when it runs long,
 * cut at a paragraph, sentence or word boundary inside the window. Every call and cut goes to
 * the ledger.
 */
import { countWords, type CountUnit } from "../../shared/text/count-words";
import type { CancelSignal, ChatMessage, LlmPort, SamplingOptions, SequenceLease } from "../../shared/llm/llm-port";
import { cutToRange, endsAtSentence, joinContinuation, tailParagraphs } from "../text/boundaries";
import { findLoop } from "../monitors/degeneration";
import type { LengthWindow } from "../monitors/length-monitor";
import { Canceller } from "./canceller";
import type { LedgerEntry } from "../base/ledger";
import { applyChange, passThrough, type ReplyFilter } from "./reply-stream";

export interface WriteOptions {
  llm: LlmPort;
  lease?: SequenceLease;
  messages: ChatMessage[];
  sections?: { name: string; chars: number; tokens?: number }[];
  window: LengthWindow;
  countUnit: CountUnit;
  unitId: string;
  /** Text already there (a revision that expands, or a resumed partial). */
  startFrom?: string;
  signal?: CancelSignal;
  sampling?: SamplingOptions;
  /** Running estimate of tokens per counted word, shared across units and updated here. */
  ratio: { tokensPerWord: number };
  maxContinuations?: number;
  /** Words of text so far given back to the model when continuing (keeps continuation prompts small). */
  continueContextWords?: number;
  /**
   * The text so far, whole, as it grows (every few deltas and at sentence ends), after each call
   * and once more when the text is final (a cut to length shows here too).
   */
  onText?: (text: string, words: number) => void;
  /** A filter for each call's reply, applied before the text is counted, checked or shown (default: none). */
  replies?: () => ReplyFilter;
  onLedger: (e: LedgerEntry) => void;
}

export interface WriteResult {
  text: string;
  words: number;
  continuations: number;
  trimmed: boolean;
  cancelled: boolean;
  promptTokens: number;
  completionTokens: number;
}

export async function writeToLength(o: WriteOptions): Promise<WriteResult> {
  const { window: w, countUnit } = o;
  const maxContinuations = o.maxContinuations ?? 12;
  let text = o.startFrom ?? "";
  let continuations = 0;
  let idle = 0;
  let promptTokens = 0;
  let completionTokens = 0;
  let cancelled = false;

  for (let call = 0; countWords(text, countUnit) < w.lo && call <= maxContinuations; call++) {
    const before = countWords(text, countUnit);
    const remaining = w.target - before;
    const isContinue = text.length > 0;
    const maxTokens = Math.ceil(remaining * o.ratio.tokensPerWord * 1.3) + 24;
    const local = new Canceller(o.signal);
    const filter = o.replies?.() ?? passThrough();
    let streamed = "";
    let deltas = 0;
    let stopNote: string | undefined;
    const onDelta = (delta: string) => {
      for (const change of filter.push(delta)) streamed = applyChange(streamed, change);
      deltas++;
      if (filter.stop && !local.aborted) {
        stopNote = `stopped: ${filter.stop.reason}`;
        local.abort("filter");
        return;
      }
      // Counting the whole text on every delta is quadratic; count at boundaries and every few deltas.
      if (!/[.!?…。！？\n]/.test(delta) && deltas % 8 !== 0) return;
      const full = joinContinuation(text, streamed);
      const words = countWords(full, countUnit);
      o.onText?.(full, words);
      if (local.aborted) return;
      if (words >= w.target && endsAtSentence(full)) {
        stopNote = "stopped at a sentence end at the target";
        local.abort("target");
      } else if (words >= w.hi) {
        stopNote = "stopped past the upper bound";
        local.abort("upper-bound");
      } else if (deltas % 64 === 0 && findLoop(streamed) !== null) {
        stopNote = "stopped a repetition loop";
        local.abort("loop");
      }
    };
    const context = isContinue ? tailParagraphs(text, o.continueContextWords ?? 300, countUnit) : undefined;
    const result = await o.llm
      .generate({
        messages: o.messages,
        continueFrom: context,
        maxTokens,
        // a continuation, or a second try after an empty reply, must make progress even from a
        // model that likes to stop (one that ended its turn at once twice left units empty)
        minTokens: isContinue || idle > 0 ? Math.min(maxTokens - 1, Math.ceil(remaining * o.ratio.tokensPerWord)) : undefined,
        signal: local,
        sampling: o.sampling,
        onDelta,
        lease: o.lease,
      })
      .finally(() => local.dispose());
    promptTokens += result.promptTokens;
    completionTokens += result.completionTokens;
    let piece = filter.end(result.text);
    if (stopNote === "stopped a repetition loop") {
      const at = findLoop(piece);
      if (at !== null) piece = piece.slice(0, at);
    }
    const newWords = countWords(piece, countUnit);
    if (newWords > 20 && result.completionTokens > 0) {
      // smoothed so one odd call does not swing the next budget
      o.ratio.tokensPerWord = 0.7 * o.ratio.tokensPerWord + 0.3 * (result.completionTokens / newWords);
    }
    text = joinContinuation(text, piece);
    const after = countWords(text, countUnit);
    o.onText?.(text, after);
    o.onLedger({
      unitId: o.unitId,
      kind: isContinue ? "continue" : "generate",
      promptTokens: result.promptTokens,
      completionTokens: result.completionTokens,
      millis: result.millis,
      stopReason: result.stopReason,
      sections: isContinue ? [{ name: "continue-from", chars: context?.length ?? 0 }] : o.sections,
      wordsBefore: before,
      wordsAfter: after,
      note: stopNote,
    });
    if (isContinue) continuations++;
    if (result.stopReason === "cancelled" && !stopNote) {
      cancelled = true;
      break;
    }
    idle = newWords === 0 ? idle + 1 : 0;
    if (idle >= 2) break;
  }

  let trimmed = false;
  const words = countWords(text, countUnit);
  if (!cancelled && words > w.hi) {
    const cut = cutToRange(text, countUnit, w.target, w.lo, w.hi);
    o.onLedger({ unitId: o.unitId, kind: "trim", promptTokens: 0, completionTokens: 0, millis: 0, wordsBefore: words, wordsAfter: countWords(cut.text, countUnit), note: `cut at a ${cut.kind} boundary` });
    text = cut.text;
    trimmed = true;
  } else if (!cancelled && !endsAtSentence(text) && words >= w.lo) {
    // a stream stopped mid-sentence: end it cleanly, inside the window
    const cut = cutToRange(text, countUnit, w.target, w.lo, w.hi);
    if (cut.text !== text) {
      o.onLedger({ unitId: o.unitId, kind: "trim", promptTokens: 0, completionTokens: 0, millis: 0, wordsBefore: words, wordsAfter: countWords(cut.text, countUnit), note: `closed at a ${cut.kind} boundary` });
      text = cut.text;
      trimmed = true;
    }
  }
  const final = text.trim();
  const finalWords = countWords(final, countUnit);
  if (!cancelled) o.onText?.(final, finalWords);
  return { text: final, words: finalWords, continuations, trimmed, cancelled, promptTokens, completionTokens };
}
