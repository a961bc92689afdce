/**
 * Length control that does not depend on model quality, on replies cleaned before they count.
 *
 * Every reply goes through the unit's reply filter (the reply cleaner) on the stream, before the
 * text is counted, checked, shown or kept: what it strips goes to the ledger, and a heading that
 * begins another unit stops generation there. Then, call by call:
 * - the model ends its turn inside the window: the unit is written;
 * - it ends early: it is continued from the text so far, held from ending its turn only until the
 *   window's floor (never for most of the budget: a model kept talking fills the rest with chatter);
 * - it runs past the window: the text is cut back to a sentence end short of the target and the
 *   model is asked for a short ending there (with any required item the cut took), so a unit ends
 *   where its arc does, not wherever the budget ran out;
 * - the reply is not the prose asked for (a refusal, a list or a table, another language, nothing
 *   at all, as when reasoning ate the whole budget): it is thrown away and asked for again, a few
 *   times at most; when the retries run out the caller hears what the reply was.
 * Prose calls ask a thinking model to skip its reasoning, or give it a budget of its own; reasoning
 * tokens stay out of the tokens-per-word estimate. Every call, cut, strip and retry goes to the
 * ledger.
 */
import { countWords, type CountUnit } from "../../shared/text/count-words";
import type { CancelSignal, ChatMessage, GenerateResult, CallKind, LlmPort, SamplingOptions, SequenceLease, ThoughtOptions } from "../../shared/llm/llm-port";
import { cutToRange, endsAtSentence, joinContinuation, tailParagraphs } from "../text/boundaries";
import { findLoop } from "../monitors/degeneration";
import type { LengthWindow } from "../monitors/length-monitor";
import { missingItems } from "../monitors/obligations";
import { Canceller } from "./canceller";
import type { LedgerEntry } from "../base/ledger";
import { followUps as genericFollowUps, withInstruction, type FollowUps } from "./prompt-builder";
import { applyChange, passThrough, type ReplyClass, type ReplyFilter } from "./reply-stream";
import { NO_THOUGHTS, proseThoughts } from "../base/thinking";

export interface WriteOptions {
  llm: LlmPort;
  lease?: SequenceLease;
  messages: ChatMessage[];
  /** the prompt's sections with their text, for the call's purpose (what a call viewer shows) */
  promptSections?: { name: string; text: string }[];
  /** what the calls are, for the call's purpose: drafting ("generate", then "continue") unless said */
  purposeKind?: CallKind;
  sections?: { name: string; chars: number; tokens?: number }[];
  window: LengthWindow;
  countUnit: CountUnit;
  unitId: string;
  /** Text already there (a revision that expands or comes out long, or a resumed partial). */
  startFrom?: string;
  signal?: CancelSignal;
  sampling?: SamplingOptions;
  /** Running estimate of tokens per counted word, shared across units and updated here. */
  ratio: { tokensPerWord: number };
  /** Most calls that write on from the text so far (default 12). */
  maxContinuations?: number;
  /** Most replies thrown away and asked for again: refusals, lists, tables, another language, nothing (default 2). */
  maxRetries?: number;
  /**
   * Where a continuation may end its turn (default: the window's floor). The run raises it toward
   * the target while the units already written fall short of their budgets, so the total holds.
   */
  floor?: number;
  /** Words of text so far given back to the model when continuing (keeps continuation prompts small). */
  continueContextWords?: number;
  /**
   * The text so far, whole, as it grows (every few deltas and at sentence ends), after each call
   * and once more when the text is final (a cut to length shows here too).
   */
  onText?: (text: string, words: number) => void;
  /** A filter for each call's reply, applied before the text is counted, checked or shown (default: none). */
  replies?: () => ReplyFilter;
  /** The unit's instructions for an ending and for a retry (generic ones by default). */
  followUps?: FollowUps;
  /** The unit's required items: an ending asked for after a cut works in those the text lost. */
  mustInclude?: readonly string[];
  onLedger: (e: LedgerEntry) => void;
}

export interface WriteResult {
  text: string;
  words: number;
  continuations: number;
  /** Calls that asked for an ending after the text ran long. */
  endings: number;
  /** Replies thrown away and asked for again. */
  retries: number;
  /** The last reply thrown away when the retries ran out: what it was instead of prose. */
  rejected?: ReplyClass;
  trimmed: boolean;
  cancelled: boolean;
  promptTokens: number;
  /** Tokens generated, reasoning included. */
  completionTokens: number;
  /** How many of completionTokens were reasoning. */
  thoughtTokens: number;
}

/** Words left for an ending when a text is cut back: about 8 % of the budget, 15 to 120 (a third of a tiny one). */
export function endingWords(target: number): number {
  return Math.min(Math.max(15, Math.min(120, Math.round(target * 0.08))), Math.max(1, Math.round(target / 3)));
}

/** The paragraph break a continuation opens with (the cleaner trims a reply's edges). */
function leadingBreak(raw: string): string {
  return /^[ \t]*\n[ \t]*\n/.test(raw) ? "\n\n" : /^[ \t]*\n/.test(raw) ? "\n" : "";
}

type Phase = "write" | "ending";

/** The ledger note of a call: what was said about it, in order. */
function notes(...parts: (string | false | null | undefined)[]): { note?: string } {
  const said = parts.filter((p): p is string => Boolean(p));
  return said.length > 0 ? { note: said.join("; ") } : {};
}

/** How one call's stream was stopped by the engine (none: the model ended it, or the budget did). */
type Stop = { why: "upper-bound" | "reply-over" | "loop"; note: string } | null;

export async function writeToLength(o: WriteOptions): Promise<WriteResult> {
  const { window: w, countUnit } = o;
  const wc = (t: string) => countWords(t, countUnit);
  const follow = o.followUps ?? genericFollowUps({ countUnit });
  const maxContinuations = o.maxContinuations ?? 12;
  const maxRetries = o.maxRetries ?? 2;
  const ending = endingWords(w.target);
  let text = o.startFrom ?? "";
  let phase = "write" as Phase;
  let done = false;
  let continuations = 0;
  let endings = 0;
  let retries = 0;
  let writeCalls = 0;
  let promptTokens = 0;
  let completionTokens = 0;
  let thoughtTokens = 0;
  let cancelled = false;
  let trimmed = false;
  let rejected: ReplyClass | undefined;
  /** the reply before was not prose: this call says so */
  let retryOf: ReplyClass | null = null;
  /** the reply before spent its whole budget reasoning: this one may not reason */
  let thoughtsAte = false;

  /** Cut a text that ran long back to a sentence end short of the target, to be finished there. */
  const cutBack = (why: string) => {
    const before = wc(text);
    const to = Math.max(1, w.target - ending);
    const cut = cutToRange(text, countUnit, to, Math.max(0, to - ending), to);
    text = cut.text;
    trimmed = true;
    phase = "ending";
    o.onLedger({ unitId: o.unitId, kind: "trim", promptTokens: 0, completionTokens: 0, millis: 0, wordsBefore: before, wordsAfter: wc(text), note: `${why}: cut back at a ${cut.kind} boundary, to be finished with an ending` });
  };

  // a text given already past the window (a revision that came out long) is finished, not cut
  if (wc(text) > w.hi) cutBack("the text was past the upper bound");

  for (let calls = 0; !done && !cancelled && calls < maxContinuations + maxRetries + 3; calls++) {
    const before = wc(text);
    if (phase === "write" && retryOf === null && before >= w.lo) break;
    if (phase === "write" && writeCalls > maxContinuations) break;
    const isContinue = text.length > 0;
    const endingFor = phase === "ending" ? Math.max(Math.round(ending / 2), w.target - before) : 0;
    const remaining = phase === "ending" ? endingFor : w.target - before;
    const maxTokens = Math.ceil(remaining * o.ratio.tokensPerWord * (phase === "ending" ? 1.5 : 1.3)) + 24;
    const local = new Canceller(o.signal);
    const filter = o.replies?.() ?? passThrough();
    let streamed = "";
    let raw = "";
    let deltas = 0;
    let stop: Stop = null;
    const halt = (s: NonNullable<Stop>) => {
      stop = s;
      local.abort(s.why);
    };
    const onDelta = (delta: string) => {
      if (raw.length < 8) raw += delta;
      for (const change of filter.push(delta)) streamed = applyChange(streamed, change);
      deltas++;
      if (local.aborted) return;
      if (filter.stop) return halt({ why: "reply-over", note: `stopped: ${filter.stop.reason}` });
      // Counting the whole text on every delta is quadratic; count at boundaries and every few deltas.
      if (!/[.!?…。！？\n]/.test(delta) && deltas % 8 !== 0) return;
      const full = joinContinuation(text, streamed && isContinue ? leadingBreak(raw) + streamed : streamed);
      const words = wc(full);
      o.onText?.(full, words);
      if (words >= w.hi) halt({ why: "upper-bound", note: phase === "ending" ? "the ending ran past the upper bound" : "stopped past the upper bound" });
      else if (deltas % 64 === 0 && findLoop(streamed) !== null) halt({ why: "loop", note: "stopped a repetition loop" });
    };

    let messages = o.messages;
    if (phase === "ending") messages = withInstruction(messages, follow.ending(endingFor, missingItems(o.mustInclude ?? [], text)));
    if (retryOf) messages = withInstruction(messages, follow.retry(retryOf));
    const thoughts: ThoughtOptions = thoughtsAte ? NO_THOUGHTS : proseThoughts(maxTokens);
    const context = isContinue ? tailParagraphs(text, o.continueContextWords ?? 300, countUnit) : undefined;
    // a continuation, or a second try after an empty reply, must reach the window's floor before it may
    // end its turn; from there on the model decides where the unit ends
    const floorWords = Math.min(w.target, Math.max(w.lo, o.floor ?? w.lo));
    const floorTokens = Math.ceil(Math.max(0, floorWords - before) * o.ratio.tokensPerWord);
    const holdToFloor = phase === "write" && (isContinue || retryOf?.kind === "empty") && floorTokens > 0;
    const result: GenerateResult = await o.llm
      .generate({
        messages,
        continueFrom: context,
        maxTokens,
        minTokens: holdToFloor ? Math.min(maxTokens - 1, floorTokens) : undefined,
        signal: local,
        sampling: o.sampling,
        thoughts,
        onDelta,
        lease: o.lease,
        purpose: {
          kind: o.purposeKind ?? (isContinue ? "continue" : "generate"),
          unitId: o.unitId,
          sections: isContinue ? [{ name: "continue-from", text: context ?? "" }] : o.promptSections,
        },
      })
      .finally(() => local.dispose());
    promptTokens += result.promptTokens;
    completionTokens += result.completionTokens;
    const thought = result.thoughtTokens ?? 0;
    thoughtTokens += thought;
    const stopped = stop as Stop;
    let piece = filter.end(result.text);
    if (stopped?.why === "loop") {
      const at = findLoop(piece);
      if (at !== null) piece = piece.slice(0, at).trimEnd();
    }
    if (isContinue && piece) piece = leadingBreak(result.text || raw) + piece;
    const verdict = filter.classify?.() ?? { kind: piece.trim() ? "prose" : "empty", reason: piece.trim() ? "prose" : "nothing was written" };
    const kind = phase === "ending" ? "ending" : isContinue ? "continue" : "generate";
    const sections =
      phase === "ending" ? [{ name: "continue-from", chars: context?.length ?? 0 }, { name: "ending", chars: 0 }]
      : isContinue ? [{ name: "continue-from", chars: context?.length ?? 0 }]
      : o.sections;
    const callCancelled = result.stopReason === "cancelled" && !stopped;
    const reject = !callCancelled && verdict.kind !== "prose";
    const newWords = reject ? 0 : wc(piece);
    const visibleTokens = result.completionTokens - thought;
    if (newWords > 20 && visibleTokens > 0) {
      // tokens of the text kept: what the cleaner took off was generated too, but is not prose
      const kept = result.text.length > 0 ? Math.min(1, piece.length / result.text.length) : 1;
      // smoothed so one odd call does not swing the next budget
      o.ratio.tokensPerWord = 0.7 * o.ratio.tokensPerWord + 0.3 * ((visibleTokens * kept) / newWords);
    }
    const lastRetry = reject && retries >= maxRetries;
    // out of retries, a reply in another language is kept (with a finding); a refusal, a list, a table or nothing has no prose to keep
    if (!reject || (lastRetry && verdict.kind === "wrong-language")) text = joinContinuation(text, piece);
    const after = wc(text);
    o.onText?.(text, after);
    o.onLedger({
      unitId: o.unitId,
      kind,
      promptTokens: result.promptTokens,
      completionTokens: result.completionTokens,
      ...(thought > 0 ? { thoughtTokens: thought } : {}),
      millis: result.millis,
      stopReason: result.stopReason,
      sections,
      wordsBefore: before,
      wordsAfter: after,
      ...notes(
        holdToFloor && `held from ending its turn until about ${floorWords} ${countUnit}`,
        retryOf && `asked again: ${retryOf.reason}`,
        stopped?.note,
      ),
      ...(reject ? { rejected: verdict.kind } : {}),
    });
    for (const s of filter.strips ?? []) {
      o.onLedger({ unitId: o.unitId, kind: "strip", promptTokens: 0, completionTokens: 0, millis: 0, note: s.reason, removed: { kind: s.kind, chars: s.chars, text: s.text } });
    }
    if (phase === "write") writeCalls++;
    if (isContinue && phase === "write") continuations++;
    if (phase === "ending") endings++;
    if (callCancelled) {
      cancelled = true;
      break;
    }
    if (reject) {
      const why = verdict.kind === "empty" && thought > 0 && result.stopReason === "length" ? `${verdict.reason} (its reasoning took the whole budget)` : verdict.reason;
      if (lastRetry) {
        rejected = { kind: verdict.kind, reason: why };
        o.onLedger({ unitId: o.unitId, kind: "retry", promptTokens: 0, completionTokens: 0, millis: 0, note: `not prose: ${why}; no retries left`, rejected: verdict.kind });
        break;
      }
      retries++;
      retryOf = { kind: verdict.kind, reason: why };
      thoughtsAte = thought > 0 && result.stopReason === "length";
      o.onLedger({ unitId: o.unitId, kind: "retry", promptTokens: 0, completionTokens: 0, millis: 0, note: `not prose: ${why}; asked again (${retries} of ${maxRetries})`, rejected: verdict.kind });
      continue;
    }
    retryOf = null;
    thoughtsAte = false;
    if (phase === "ending") {
      done = true;
      break;
    }
    if (stopped?.why === "upper-bound") {
      cutBack("the text ran past the upper bound");
      continue;
    }
    // the budget ran out while the model was still writing, near the target: its arc is not finished
    if (result.stopReason === "length" && after >= w.target - ending) {
      cutBack("the call's token budget ran out near the target");
      continue;
    }
    if (after >= w.lo) done = true;
    else if (newWords === 0 && result.stopReason !== "length") {
      // the model ended its turn at once: the next call holds it to the floor
      retryOf = { kind: "empty", reason: "the model ended its turn without writing" };
    }
  }

  const words = wc(text);
  if (!cancelled && words > w.hi) {
    // only an ending that itself ran long, or a text no ending could be had for, is cut
    const cut = cutToRange(text, countUnit, w.target, w.lo, w.hi);
    o.onLedger({ unitId: o.unitId, kind: "trim", promptTokens: 0, completionTokens: 0, millis: 0, wordsBefore: words, wordsAfter: wc(cut.text), note: `cut at a ${cut.kind} boundary` });
    text = cut.text;
    trimmed = true;
  } else if (!cancelled && !endsAtSentence(text) && words >= w.lo) {
    // a stream stopped mid-sentence: end it cleanly, inside the window
    const cut = cutToRange(text, countUnit, w.target, w.lo, w.hi);
    if (cut.text !== text) {
      o.onLedger({ unitId: o.unitId, kind: "trim", promptTokens: 0, completionTokens: 0, millis: 0, wordsBefore: words, wordsAfter: wc(cut.text), note: `closed at a ${cut.kind} boundary` });
      text = cut.text;
      trimmed = true;
    }
  }
  const final = text.trim();
  const finalWords = wc(final);
  if (!cancelled) o.onText?.(final, finalWords);
  return { text: final, words: finalWords, continuations, endings, retries, ...(rejected ? { rejected } : {}), trimmed, cancelled, promptTokens, completionTokens, thoughtTokens };
}
