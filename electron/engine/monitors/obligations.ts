/**
 * Required content: a cheap lexical pass over the prose's sentences first, then (optionally) the
 * model as a judge that must quote the sentence meeting the item.
 *
 * What chatter and reasoning cannot fool:
 * - the lexical pass looks for the item in one sentence or two neighbouring ones, never in words
 *   scattered over the unit; a sentence that negates it ("Anna did not find the letter") does not
 *   count, and neither does reasoning left in the text (`<think>…</think>`);
 * - an item that names an action ("Mei returns the bangle to the fortune-teller") is met only
 *   where the action happens: a passage with every person and thing of it but not the act (Mei
 *   holding the bangle while the fortune-teller works) is not enough for the lexical pass;
 * - the judge sees the whole unit, in windows when it is long, and must quote the sentence that
 *   meets the item: a yes whose quote is not in the unit (or negates the item) is not met.
 * Chinese, Japanese and Korean have no spaces between words: their text is compared by
 * overlapping pairs of characters.
 */
import nlp from "compromise";
import { z } from "zod";
import type { LlmPort, SequenceLease } from "../../shared/llm/llm-port";
import { parseModelReply } from "../base/parse";
import { JSON_THOUGHTS } from "../base/thinking";
import type { Finding } from "./types";

const STOP = new Set(
  "a an the and or but of in on at to for with from by as is are was were be been being it its this that these those his her their he she they them him i you we our your my me into over under then than there here when where who whom which what while after before during each every some any all no not so very just also has have had do does did will would can could should may might must shall up down out about again once".split(" "),
);

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUNS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

function stem(w: string): string {
  return w.replace(/(?:'s|’s)$/, "").replace(/(?:ing|ed|es|s)$/, "");
}

/** The words that carry meaning; a run of CJK characters gives its overlapping character pairs. */
export function contentWords(text: string): string[] {
  const out = new Set<string>();
  for (const token of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    for (const run of token.match(CJK_RUNS) ?? []) {
      if (CJK.test(run)) {
        const chars = [...run];
        if (chars.length === 1) out.add(run);
        for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
      } else if (!STOP.has(run) && run.length > 2) out.add(stem(run));
    }
  }
  return [...out];
}

/** Reasoning a model left in its text: never evidence that the prose carries anything. */
export function withoutReasoning(text: string): string {
  let t = text.replace(/<(think|thinking|reasoning|thought)>[\s\S]*?(?:<\/\1>|$)/gi, " ");
  // a closing tag whose opening was in the prompt: everything before it was reasoning
  const close = /<\/(?:think|thinking|reasoning|thought)>/i.exec(t);
  if (close) t = t.slice(close.index + close[0].length);
  return t;
}

const NEGATION = /\b(?:not|never|no|nobody|nothing|none|neither|nor|without|cannot|no longer|failed to|refused to)\b|n['’]t\b|(?:没有|沒有|并没|並沒|从未|從未|未曾|不是|不曾|しなかった|ない|없|않)/i;

/** The sentence negates where the item does not: "did not find" for "finds". */
export function negates(sentence: string, item: string): boolean {
  return NEGATION.test(sentence) && !NEGATION.test(item);
}

/** Where one clause of a sentence ends: commas, semicolons, colons, dashes and brackets, in Latin and CJK punctuation. */
const CLAUSE_BREAK = /[,;:()\[\]—–，、；：（）]|\s-\s/;

/**
 * A sentence's content words that it does not deny. A negation denies its own clause only: in
 * "Nobody had slept, and at dusk the keeper tells Anna about the storm" the "nobody" says nothing
 * about the keeper, while in "Anna searched the piano, but did not find the letter" the clause
 * that carries the item is the one denied.
 */
function affirmedWords(sentence: string, item: string): Set<string> {
  if (!negates(sentence, item)) return new Set(contentWords(sentence));
  const out = new Set<string>();
  for (const clause of sentence.split(CLAUSE_BREAK)) if (!negates(clause, item)) for (const w of contentWords(clause)) out.add(w);
  return out;
}

/** Sentences of a text, paragraph breaks included as ends (CJK marks need no space after them). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .flatMap((p) => p.replace(/\s+/g, " ").match(/[^.!?…。！？]+(?:[.!?…。！？]+["'”’)\]」』]*|$)/g) ?? [])
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Verbs that carry no action of their own ("is shown" acts through "show"). */
const AUXILIARY = new Set(["be", "have", "do"]);
/** Items are few and asked about again and again while a unit streams: their actions are kept. */
const actionCache = new Map<string, ReadonlySet<string> | null>();
const ACTION_CACHE_MAX = 2000;

/**
 * The item's action: every form of its first verb ("returns": return, returned, returning), as
 * contentWords stems them, irregular ones included ("finds": found). Null when the item names no
 * action that is one of its content words ("a storm at sea"); English only: in another language
 * the tagger finds no verb and the rule stands aside.
 */
export function itemAction(item: string): ReadonlySet<string> | null {
  const cached = actionCache.get(item);
  if (cached !== undefined) return cached;
  const need = new Set(contentWords(item));
  let action: ReadonlySet<string> | null = null;
  for (const v of nlp(item).verbs().json() as { text: string; verb?: { infinitive?: string } }[]) {
    const infinitive = v.verb?.infinitive?.toLowerCase();
    if (!infinitive || AUXILIARY.has(infinitive)) continue;
    const conjugated = (nlp(infinitive).verbs().conjugate()[0] ?? {}) as Record<string, string>;
    const forms = [infinitive, v.text, ...Object.values(conjugated)].flatMap((f) => contentWords(String(f)));
    if (!forms.some((f) => need.has(f))) continue;
    action = new Set(forms);
    break;
  }
  if (actionCache.size >= ACTION_CACHE_MAX) actionCache.clear();
  actionCache.set(item, action);
  return action;
}

/** What a passage without the item's action can carry of it at most: below LEXICAL_MET, so the judge (or the writer) decides. */
const WITHOUT_ACTION = 0.7;

/**
 * The passage of one sentence, or two neighbouring ones, that carries most of the item, and its
 * coverage: the share of the item's content words it affirms, at most WITHOUT_ACTION when the
 * item's action is not among them.
 */
export function bestPassage(item: string, text: string): { coverage: number; passage: string } {
  const need = contentWords(item);
  if (need.length === 0) return { coverage: 1, passage: "" };
  const action = itemAction(item);
  const sentences = sentencesOf(withoutReasoning(text));
  const words = sentences.map((s) => affirmedWords(s, item));
  let best = { coverage: 0, passage: "" };
  for (let i = 0; i < sentences.length; i++) {
    for (const span of [1, 2]) {
      if (i + span > sentences.length) continue;
      const have = span === 1 ? words[i]! : new Set([...words[i]!, ...words[i + 1]!]);
      let coverage = need.filter((w) => have.has(w)).length / need.length;
      if (action && ![...action].some((f) => have.has(f))) coverage = Math.min(coverage, WITHOUT_ACTION);
      if (coverage > best.coverage + 1e-9) best = { coverage, passage: sentences.slice(i, i + span).join(" ") };
    }
  }
  return best;
}

/** Share of the obligation's content words that one sentence (or two neighbouring ones) of the text carries, negations and reasoning left out. */
export function lexicalCoverage(obligation: string, text: string): number {
  return bestPassage(obligation, text).coverage;
}

export const LEXICAL_MET = 0.75;

export interface ObligationCheck {
  obligationId: string;
  met: boolean | null;
  by: "lexical" | "judge" | "none";
  coverage: number;
  /** The sentence that meets it (the lexical passage, or the judge's quote as found in the unit). */
  quote?: string;
}

export interface JudgeOptions {
  llm: LlmPort;
  lease?: SequenceLease;
  /** Largest window of the unit shown to the judge at once, in characters, so a call fits a small context (default 6,000). */
  maxChars?: number;
  /** Each judge call, for the ledger; `note` says when its reply did not fit the schema or its quote was not in the unit. */
  onCall?: (c: { promptTokens: number; completionTokens: number; thoughtTokens?: number; millis: number; note?: string }) => void;
}

/**
 * The unit in windows of at most `maxChars`, on paragraph (else sentence) boundaries, each
 * window starting with the last paragraph of the one before, so an item that spans a boundary is
 * still whole in one of them.
 */
export function judgeWindows(text: string, maxChars: number): string[] {
  const pieces: string[] = [];
  for (const para of text.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean)) {
    if (para.length <= maxChars) {
      pieces.push(para);
      continue;
    }
    let current = "";
    for (const s of sentencesOf(para)) {
      if (current && current.length + s.length + 1 > maxChars) {
        pieces.push(current);
        current = "";
      }
      current = current ? `${current} ${s}` : s.slice(0, maxChars);
    }
    if (current) pieces.push(current);
  }
  const windows: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const p of pieces) {
    if (current.length > 0 && size + p.length + 2 > maxChars) {
      windows.push(current.join("\n\n"));
      const last = current.at(-1)!;
      current = last.length + p.length + 2 <= maxChars ? [last] : [];
      size = current.reduce((n, x) => n + x.length + 2, 0);
    }
    current.push(p);
    size += p.length + 2;
  }
  if (current.length > 0) windows.push(current.join("\n\n"));
  return windows;
}

/**
 * The judge's window for a model's context (tokens per sequence): under half of it, at about
 * 3.5 characters a token, so the window, the question and the answer fit; 1,200 to 12,000.
 */
export function judgeWindowChars(contextSize: number): number {
  return Math.max(1200, Math.min(12000, Math.floor(contextSize * 0.45 * 3.5)));
}

const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, " $& ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/** The judge's quote as a sentence of the unit: found there (ignoring case, punctuation and spacing), long enough to mean something, and not a negation of the item. */
export function quoteInUnit(quote: string, unit: string, item: string): boolean {
  const q = norm(quote);
  if (q.split(" ").length < 3) return false;
  return ` ${norm(withoutReasoning(unit))} `.includes(` ${q} `) && !negates(quote, item);
}

const JUDGE_SCHEMA = {
  type: "object",
  properties: { answer: { type: "string", enum: ["yes", "no"] }, quote: { type: "string", maxLength: 300 } },
  required: ["answer", "quote"],
} as const;
const judgeReply = z.object({ answer: z.enum(["yes", "no"]), quote: z.string() });

export interface Judgement {
  met: boolean | null;
  /** the sentence the judge quoted, when it is in the unit */
  quote?: string;
}

/** One window: yes only with a quote found in the unit. */
async function judgeWindow(content: string, window: string, unit: string, opts: JudgeOptions, unitId?: string): Promise<Judgement> {
  const result = await opts.llm.generate({
    purpose: { kind: "judge", unitId: unitId ?? null },
    messages: [
      { role: "system", content: "You check whether a passage contains a required event or detail. Answer yes or no, and quote the passage's sentence that contains it." },
      {
        role: "user",
        content: `Requirement: ${content}\n\nPassage:\n${window}\n\nDoes the passage contain the requirement? Answer yes or no, and quote word for word the one sentence of the passage that contains it (empty when no).`,
      },
    ],
    // a sentence: the quote's 300 characters are about 80 tokens, the rest of the object a dozen
    maxTokens: 100,
    jsonSchema: JUDGE_SCHEMA,
    sampling: { temperature: 0 },
    thoughts: JSON_THOUGHTS,
    lease: opts.lease,
  });
  const reply = parseModelReply(judgeReply, result.text, "the requirement judge");
  const call = { promptTokens: result.promptTokens, completionTokens: result.completionTokens, ...(result.thoughtTokens ? { thoughtTokens: result.thoughtTokens } : {}), millis: result.millis };
  if (!reply.ok) {
    opts.onCall?.({ ...call, note: reply.error });
    // a reply outside the grammar (cut off, or a runtime without one): a plain "no" is an answer; a yes needs its quote
    if (/\byes\b/i.test(result.text)) {
      // the quote of a reply cut off by its token limit (up to its last whole word), or one written out of the schema
      const field = /"quote"\s*:\s*"((?:[^"\\]|\\.){12,300})("?)/.exec(result.text);
      const quoted = field ? field[1]!.replace(/\\(.)/g, "$1").replace(field[2] ? /$/ : /\s*\S*$/, "") : /["“]([^"”]{12,300})["”]/.exec(result.text)?.[1];
      return quoted && quoteInUnit(quoted, unit, content) ? { met: true, quote: quoted } : { met: false };
    }
    return /\bno\b/i.test(result.text) ? { met: false } : { met: null };
  }
  if (reply.value.answer === "no") {
    opts.onCall?.(call);
    return { met: false };
  }
  if (quoteInUnit(reply.value.quote, unit, content)) {
    opts.onCall?.(call);
    return { met: true, quote: reply.value.quote.trim() };
  }
  opts.onCall?.({ ...call, note: reply.value.quote.trim() ? `said yes, but its quote is not a sentence of the unit that meets the item: "${reply.value.quote.slice(0, 120)}"` : "said yes without quoting the sentence" });
  return { met: false };
}

/**
 * The judge on the whole unit, a window at a time (the likeliest first), until one quotes a
 * sentence of the unit that meets the item. Not met when none does; null when no window could be
 * judged at all.
 */
export async function judgeItem(content: string, text: string, opts: JudgeOptions, unitId?: string): Promise<Judgement> {
  const windows = judgeWindows(withoutReasoning(text), opts.maxChars ?? 6000);
  const order = windows.map((w, i) => ({ w, i, s: lexicalCoverage(content, w) })).sort((a, b) => b.s - a.s || a.i - b.i);
  let answered = false;
  for (const { w } of order) {
    const j = await judgeWindow(content, w, text, opts, unitId);
    if (j.met === true) return j;
    if (j.met === false) answered = true;
  }
  return { met: answered ? false : null };
}

/** Whether the judge finds the item met in the text (see judgeItem). */
export async function judgeObligation(content: string, text: string, opts: JudgeOptions, unitId?: string): Promise<boolean | null> {
  return (await judgeItem(content, text, opts, unitId)).met;
}

export async function checkObligations(
  text: string,
  obligations: { id: string; content: string; text: string }[],
  judge: JudgeOptions | null,
  unitId?: string,
): Promise<{ checks: ObligationCheck[]; findings: Finding[] }> {
  const checks: ObligationCheck[] = [];
  const findings: Finding[] = [];
  for (const ob of obligations) {
    const { coverage, passage } = bestPassage(ob.content, text);
    let check: ObligationCheck;
    if (coverage >= LEXICAL_MET) check = { obligationId: ob.id, met: true, by: "lexical", coverage, ...(passage ? { quote: passage } : {}) };
    else if (judge) {
      const j = await judgeItem(ob.content, text, judge, unitId);
      check = { obligationId: ob.id, met: j.met, by: "judge", coverage, ...(j.quote ? { quote: j.quote } : {}) };
    } else check = { obligationId: ob.id, met: null, by: "none", coverage };
    checks.push(check);
    if (check.met === false || (check.met === null && coverage < 0.3)) {
      findings.push({
        monitor: "obligation",
        severity: "error",
        code: "missing-obligation",
        unitId,
        obligationId: ob.id,
        message: `not found: "${ob.text}"`,
        fix: { kind: "insert-obligation", obligationId: ob.id, content: ob.content },
      });
    }
  }
  return { checks, findings };
}

/** The items a text does not carry yet, by the lexical pass (for an ending that must still work them in). */
export function missingItems(items: readonly string[], text: string): string[] {
  return items.filter((item) => lexicalCoverage(item, text) < LEXICAL_MET);
}
