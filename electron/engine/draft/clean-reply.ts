/**
 * The reply cleaner: what a real instruct model wraps around the prose it was asked for comes
 * off before anything counts, checks, shows or saves the text.
 *
 * Streaming, as a ReplyFilter (reply-stream.ts): deltas in, changes to the clean text out. It
 * removes
 * - reasoning that arrives as text: `<think>…</think>` (also a lone `</think>` whose opening
 *   was in the prompt), `<thinking>`, `[THINK]`, gpt-oss's Harmony channels as text
 *   (`<|channel|>analysis<|message|>…<|end|>`, or with the markers lost: `analysis…assistantfinal`),
 *   and control tokens printed as text;
 * - a preamble ("Sure! Here is Chapter 3:"), closing chatter ("Let me know if you'd like any
 *   changes.", "(Word count: 512)") and chatter lines in between, at line or sentence level;
 * - a heading that repeats the unit's own (`# Chapter 3: The Piano`, `**Chapter 3**`,
 *   `CHAPTER THREE`, the bare title);
 * and when a heading or label that begins ANOTHER unit appears after the prose, it asks for
 * generation to stop (`stop`) and drops that line and everything after it.
 *
 * Every strip is recorded (what, why, how many characters) for the ledger. Text already handed on
 * is taken back with a reset only when a later marker shows it was reasoning (a lone `</think>`).
 * Lines that may be chatter or a heading are held until they can be judged; prose streams at once,
 * so counting and the live view lag by a held line at most, never by a paragraph of prose.
 *
 * It never eats prose on a guess: a sentence is chatter only when it talks to the requester about
 * the writing ("Here's the chapter:", "I hope you enjoy it") or is a bare acknowledgement; dialogue
 * (a quoted sentence) never is. "Sure enough, the tide turned." is prose.
 *
 * Pure: no I/O, no model. The engine decides what a finished reply's class (classifyReply) means.
 */
import { isChatterSentence, REFUSAL, RISKY_OPENER, sentencesOf, SUBSTITUTE, suspectSentence, WRITER_TALK, type ChatterContext } from "./clean-reply-chatter";
import { Headings, labelPrefix, norm } from "./clean-reply-headings";
import { languageName } from "../monitors/language";
import type { ReplyChange, ReplyClass, ReplyFilter } from "./reply-stream";

export type { ReplyClass, ReplyKind } from "./reply-stream";

export interface CleanReplyConfig {
  /** The unit's heading as the plan writes it: "Chapter 3", "Week 12", "Part One". */
  heading: string;
  /** The unit's title, when it has one: "The Piano". */
  title?: string;
  /** Headings (and titles) of the other units, so a line that begins one of them is recognised. */
  otherHeadings?: readonly string[];
  /** A pattern for the other units' headings, when listing them all is not practical. */
  otherHeadingPattern?: RegExp;
  /** Names of the structure's levels ("Chapter", "Part", "Scene"); the heading's own is read from it. */
  levelNames?: readonly string[];
  /** The book's language (BCP 47 / ISO 639-1, "en"): a reply in another script is classed apart. */
  language: string;
  /**
   * Reads a number as writers and models write it in a heading ("3", "three", "III", "third"), or
   * null. The engine passes its numbers module; without it, digits and Roman numerals are read and
   * a heading's number in words is recognised by its shape only.
   */
  readNumber?: (token: string) => number | null;
  /**
   * The language of a text (ISO 639-1), or null when unsure: the engine passes its language
   * detector so a reply in another language written in the same script (Spanish for an English
   * book) is classed "wrong-language". Without it only the script is compared.
   */
  detectLanguage?: (text: string) => string | null;
}

export type StripKind =
  /** chatter before the prose: "Sure! Here is Chapter 3:" */
  | "preamble"
  /** chatter after the prose: "Let me know if you'd like any changes." */
  | "closing-chatter"
  /** chatter between paragraphs of prose */
  | "inline-chatter"
  /** a heading that repeats the unit's own */
  | "repeated-heading"
  /** another heading line, or a label, that is not prose */
  | "heading"
  /** reasoning that arrived as text */
  | "reasoning"
  /** control tokens printed as text */
  | "control-token"
  /** the next unit's heading and whatever followed it */
  | "next-unit"
  /** a refusal: dropped, and the reply's class when no prose follows it */
  | "refusal"
  /** list items where prose was asked */
  | "list"
  /** table rows where prose was asked */
  | "table";

export interface Strip {
  kind: StripKind;
  /** Why, in words, for the ledger. */
  reason: string;
  /** What was removed (clipped to 200 characters). */
  text: string;
  /** How many characters were removed. */
  chars: number;
}

export interface StopSignal {
  /** Why generation should stop: "the heading of Chapter 4 began". */
  reason: string;
  /** The line that began the other unit. */
  line: string;
}

const CLIP = 200;
const clip = (s: string) => (s.length <= CLIP ? s : `${s.slice(0, CLIP - 1)}…`);

// ── reasoning and control markers ─────────────────────────────────────────────

const THINK_OPEN = /<(think|thinking|reasoning|thought)>|\[THINK\]|◁think▷/i;
const THINK_CLOSE: Record<string, RegExp> = {
  think: /<\/think>/i,
  thinking: /<\/thinking>/i,
  reasoning: /<\/reasoning>/i,
  thought: /<\/thought>/i,
  "[think]": /\[\/THINK\]/i,
  "◁think▷": /◁\/think▷/,
};
/** Everything the tag layer reacts to in text mode. */
const MARKER =
  /<(?:think|thinking|reasoning|thought)>|<\/(?:think|thinking|reasoning|thought)>|\[\/?THINK\]|◁\/?think▷|<\|[a-z_]{2,20}\|>|<\/?(?:start_of_turn|end_of_turn)>|<\/s>|<｜[^｜\n]{1,40}｜>/i;
/** Markers whose text the model prints when its turn is over: anything after them is not this reply. */
const END_OF_TURN = /^(?:<\|(?:im_end|eot_id|eom_id|end|return|endoftext|call)\|>|<end_of_turn>|<\/s>|<｜end▁of▁sentence｜>)$/i;
/** A prefix of some marker: held back at the end of a delta until the rest arrives. */
const PARTIAL_MARKER = /(?:<(?:\/?[a-z_]{0,14})?|<\|[a-z_]{0,20}\|?|\[\/?T?H?I?N?K?|◁\/?t?h?i?n?k?|<｜[^｜\n]{0,40})$/i;
/** Channel names after `<|channel|>` (Harmony). */
const CHANNEL = /^(analysis|commentary|final)(?:\s+to=[^<\s]*)?(?:\s*<\|constrain\|>\w*)?/i;
/** Harmony with its special tokens lost: "analysisThe user wants…assistantfinalThe piano…". */
const HARMONY_BARE_START = /^\s*analysis(?=[A-Z\s*"“])/;
const HARMONY_BARE_FINAL = /assistant\s*final(?!\p{Ll})/u;
/** Any beginning of "assistantfinal" at the end of a delta: inside the analysis, held until the next one decides. */
const BARE_FINAL_PREFIX = /a(?:s(?:s(?:i(?:s(?:t(?:a(?:n(?:t(?:\s*(?:f(?:i(?:n(?:a(?:l)?)?)?)?)?)?)?)?)?)?)?)?)?)?$/i;
/** The same in prose, where it must begin a word (a word ending in "a" is not held). */
const BARE_FINAL_PARTIAL = new RegExp(`\\b${BARE_FINAL_PREFIX.source}`, "i");

const SEPARATOR = /^\s*(?:-{3,}|_{3,}|={3,}|\*{3,}|(?:\*\s*){3,}|~{3,})\s*$/;
/** A line that is only a bracketed note or count: "(Word count: 372)", "*(Note: …)*". */
const NOTE_LINE = /^[*_]*[([（【].*[)\]）】][*_.]*$/;
/** A code fence around the prose ("```markdown"). */
const FENCE = /^(?:```|~~~)[\w-]*$/;
/** A role label: the model went on to write another turn of the conversation ("User:", "Human:"). */
const ROLE_LABEL = /^(?:\*\*)?(?:user|human|assistant|system|ai|model)(?:\*\*)?\s*:/i;
/** A list item or a table row: structure where prose was asked. */
const LIST_ITEM = /^\s*(?:[-*•+]\s+|\d{1,3}[.)]\s+|[a-z][.)]\s+)\S/i;
const TABLE_ROW = /^\s*\|.*\|\s*$|^[^|\n]*\|[^|\n]*\|/;
/**
 * A line that marks the end of the piece ("THE END", "To be continued…"): typography the model
 * adds after a unit, not prose. It waits like a closing remark: chatter if nothing follows it.
 */
const END_MARK = /^[*_(]*\s*(?:the end|fin|finis|ende|fim|to be continued|continued in the next (?:chapter|part|section|installment)|终|完|おわり|終わり|つづく|続く)\s*[.!…]*\s*[*_)]*$/i;

// ── classification ────────────────────────────────────────────────────────────

/** Scripts a language is written in; the reply's letters are compared against them. */
function expectedScripts(language: string): RegExp {
  const l = language.toLowerCase().split(/[-_]/)[0]!;
  if (l === "zh") return /\p{Script=Han}/u;
  if (l === "ja") return /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
  if (l === "ko") return /[\p{Script=Hangul}\p{Script=Han}]/u;
  if (["ru", "uk", "bg", "sr", "mk", "be", "kk"].includes(l)) return /\p{Script=Cyrillic}/u;
  if (["ar", "fa", "ur"].includes(l)) return /\p{Script=Arabic}/u;
  if (l === "he" || l === "yi") return /\p{Script=Hebrew}/u;
  if (l === "el") return /\p{Script=Greek}/u;
  if (["hi", "mr", "ne"].includes(l)) return /\p{Script=Devanagari}/u;
  if (l === "th") return /\p{Script=Thai}/u;
  return /\p{Script=Latin}/u;
}

/**
 * What a finished (cleaned) reply is, for the engine to decide on a retry: prose, a refusal, a
 * list or a table where prose was asked, text in another script than the book's language, or
 * nothing. A Latin-script reply in the wrong Latin-script language (Spanish for English) needs a
 * language detector, which the monitors have; this looks at scripts only.
 */
export function classifyReply(text: string, language: string): ReplyClass {
  const t = text.trim();
  const letters = [...t].filter((c) => /\p{L}/u.test(c));
  if (letters.length < 12) return { kind: "empty", reason: "no prose left after cleaning" };
  const own = expectedScripts(language);
  const inScript = letters.filter((c) => own.test(c)).length;
  if (inScript / letters.length < 0.5) return { kind: "wrong-language", reason: `most letters are not in the script of ${languageName(language)}` };
  const paragraphs = t.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  const first = paragraphs[0]!.replace(/^[*_\s]+/, "");
  const words = t.split(/\s+/).length;
  if (REFUSAL.test(first) && (paragraphs.length <= 2 || words < 120)) return { kind: "refusal", reason: `it declines: "${clip(first.split(/(?<=[.!?])\s/)[0]!)}"` };
  const lines = t.split("\n").map((l) => l.trim()).filter(Boolean);
  const tableRows = lines.filter((l) => /^\|.*\|$/.test(l) || (l.match(/\|/g)?.length ?? 0) >= 2);
  if (tableRows.length >= 3 && lines.some((l) => /^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?$/.test(l)) && tableRows.length / lines.length >= 0.4) {
    return { kind: "table", reason: `${tableRows.length} of ${lines.length} lines are table rows` };
  }
  const items = lines.filter((l) => /^(?:[-*•+]\s+|\d{1,3}[.)]\s+|[a-z][.)]\s+)/i.test(l));
  const listWords = items.reduce((n, l) => n + l.split(/\s+/).length, 0);
  if (items.length >= 3 && (items.length / lines.length >= 0.5 || listWords / words >= 0.5)) {
    return { kind: "list", reason: `${items.length} of ${lines.length} lines are list items` };
  }
  return { kind: "prose", reason: "prose" };
}

// ── the streaming cleaner ─────────────────────────────────────────────────────

type TagMode =
  | { kind: "text" }
  | { kind: "think"; close: RegExp; opened: string }
  | { kind: "analysis" }
  | { kind: "final-header" }
  | { kind: "bare-analysis" }
  | { kind: "after-end" };

/** A line being written (or held) in the line layer. */
interface OpenLine {
  /** the text of the line so far */
  text: string;
  /** characters of it already handed on as prose, or dropped */
  consumed: number;
  /** the line is held (not streamed) until it is complete and judged */
  held: boolean;
  /** decided: this line streams as prose (each later sentence is still watched) */
  prose: boolean;
  /** the next unconsumed character starts a sentence */
  atSentence: boolean;
  /** held only because it opens like a question, which may be put to the requester: its first sentence decides */
  question: boolean;
}

const newLine = (): OpenLine => ({ text: "", consumed: 0, held: false, prose: false, atSentence: true, question: false });
/** A line that opens like a question ("Should this chapter stay with Lotte, or…?"): it may be asked of the requester. */
const QUESTION_OPENER = /^(?:should|shall|would|do|does|did|is|are|will|can|could|may)\b/i;
/** End of a sentence and the space after it. */
const SENTENCE_END = /[.!?…]+["'”’)\]*]*\s+(?=\S)/g;

export class ReplyCleaner implements ReplyFilter {
  readonly strips: Strip[] = [];
  /** how much clean text had been handed on when each strip was made */
  private readonly stripAt: number[] = [];
  private raw = "";
  private pending = "";
  private mode: TagMode = { kind: "text" };
  private reasoning = "";
  private started = false;
  /** visible text since the reply (or its last take-back) began, for a take-back's record */
  private visible = "";
  /** strips recorded since then, undone by a take-back (they were inside the reasoning) */
  private stripsFrom = 0;
  // line layer
  private out = "";
  private line: OpenLine = newLine();
  /** newlines since the last prose handed on */
  private gap = "";
  /** spaces after the last prose handed on, handed on only when more prose follows */
  private space = "";
  private proseStarted = false;
  /** paragraphs after the prose that are chatter if nothing follows them ("I've kept the tone…") */
  private tailHeld: { text: string; gap: string }[] = [];
  /** the unit's heading and title, for telling "Here is Chapter 8: Father and Son" apart */
  private readonly unit: ChatterContext;
  /** a scene-break line after prose, handed on only when more prose follows */
  private breakHeld: { text: string; gap: string } | null = null;
  private stopSignal: StopSignal | null = null;
  private dropped = 0;
  private changes: ReplyChange[] = [];
  private ended = false;
  private verdict: ReplyClass | null = null;
  private readonly headings: Headings;

  constructor(private readonly config: CleanReplyConfig) {
    this.headings = new Headings(config);
    const names = [config.heading, config.title].filter((n): n is string => Boolean(n?.trim())).map(norm);
    this.unit = { namesUnit: (sentence) => names.some((n) => ` ${norm(sentence)} `.includes(` ${n} `)) };
  }

  /** Set once a heading or label of another unit (or an end-of-turn token) began: stop generating; what follows is dropped. */
  get stop(): StopSignal | null {
    return this.stopSignal;
  }

  /** The clean text handed on so far. */
  get text(): string {
    return this.out;
  }

  /** The changes the last push() or end() made: end() returns the text, and this says how it got there. */
  get lastChanges(): readonly ReplyChange[] {
    return this.changes;
  }

  push(delta: string): ReplyChange[] {
    if (this.ended) return [];
    this.changes = [];
    this.raw += delta;
    this.tags(this.pending + delta, false);
    return this.changes;
  }

  /**
   * The reply is over. `reply`, when given, is the whole reply as the model returned it: what the
   * deltas did not carry is cleaned first. Returns the clean text (the same as the changes give).
   */
  end(reply?: string): string {
    if (this.ended) return this.out;
    this.changes = [];
    if (reply !== undefined && reply.length > this.raw.length && reply.startsWith(this.raw)) {
      const rest = reply.slice(this.raw.length);
      this.raw = reply;
      this.tags(this.pending + rest, false);
    }
    this.tags(this.pending, true);
    if (this.mode.kind === "think" || this.mode.kind === "analysis" || this.mode.kind === "bare-analysis") {
      this.record("reasoning", "reasoning that never closed", this.reasoning);
      this.reasoning = "";
    }
    this.finishLine(true);
    for (const t of this.tailHeld.splice(0)) this.record("closing-chatter", "a remark on how the piece was written, after the prose", t.text);
    if (this.breakHeld !== null) {
      this.record("closing-chatter", "a separator line after the prose", this.breakHeld.text);
      this.breakHeld = null;
    }
    const next = this.strips.find((x) => x.kind === "next-unit");
    if (next) next.chars = this.dropped;
    // chatter after the last prose was closing chatter, not chatter between paragraphs
    this.strips.forEach((s, i) => {
      if (s.kind === "inline-chatter" && this.stripAt[i]! >= this.out.length) s.kind = "closing-chatter";
    });
    // a reply that is a refusal, a list or a table has no prose to keep: what little prose came
    // with it (an offer, a caption) goes too
    this.verdict = this.judgeReply();
    if (this.verdict.kind === "refusal" || this.verdict.kind === "list" || this.verdict.kind === "table") {
      if (this.out !== "") {
        this.record(this.verdict.kind, `prose that came with a ${this.verdict.kind === "refusal" ? "refusal" : this.verdict.kind} instead of the piece`, this.out);
        this.out = "";
        this.changes.push({ reset: "" });
      }
    }
    this.ended = true;
    return this.out;
  }

  /**
   * What the reply was: prose, or (when no prose worth the name is left) a refusal, a list or a
   * table where prose was asked, text in another script than the book's, or nothing. A list or a
   * table is taken out of the text either way; it decides the class when it outweighs the prose.
   */
  classify(): ReplyClass {
    return this.verdict ?? this.judgeReply();
  }

  private judgeReply(): ReplyClass {
    const letters = (t: string) => [...t].filter((c) => /\p{L}/u.test(c)).length;
    const removed = (k: StripKind) => this.strips.filter((x) => x.kind === k).reduce((n, x) => n + x.chars, 0);
    const prose = letters(this.out);
    const refusal = this.strips.find((x) => x.kind === "refusal");
    const list = removed("list");
    const table = removed("table");
    // a refusal before any prose, followed at most by a few offers of something else
    const declined = refusal && this.stripAt[this.strips.indexOf(refusal)] === 0;
    if (refusal && (prose < 12 || (declined && prose < refusal.chars))) return { kind: "refusal", reason: `it declines: "${clip(refusal.text)}"` };
    // a refusal, then an account of the piece in its place ("here is a brief summary of how the
    // chapter could handle it instead:") is no piece; a rewritten scene after the refusal is
    if (declined && this.strips.some((x) => x.kind === "preamble" && SUBSTITUTE.test(x.text))) {
      return { kind: "refusal", reason: `it declines ("${clip(refusal.text)}") and offers a sketch of the piece instead` };
    }
    if (list + table > prose) {
      return table >= list
        ? { kind: "table", reason: `a table (${table} characters) where prose was asked` }
        : { kind: "list", reason: `a list (${list} characters) where prose was asked` };
    }
    const byScript = classifyReply(this.out, this.config.language);
    if ((byScript.kind === "prose" || byScript.kind === "wrong-language") && this.config.detectLanguage) {
      // the ledger, the retry and a finding name the language in words: "written in Chinese", not a script's code
      const found = this.config.detectLanguage(this.out);
      const want = this.config.language.toLowerCase().split(/[-_]/)[0]!;
      if (found && found !== want) return { kind: "wrong-language", reason: `written in ${languageName(found)}; the book is in ${languageName(want)}` };
    }
    return byScript;
  }

  // ── tag layer: reasoning and control tokens ──

  private tags(input: string, final: boolean): void {
    this.pending = "";
    let s = input;
    while (s.length > 0) {
      switch (this.mode.kind) {
        case "after-end":
          this.dropped += s.length;
          return;
        case "think": {
          const close = this.mode.close.exec(s);
          if (!close) {
            const hold = final ? "" : partialSuffix(s, PARTIAL_MARKER);
            this.reasoning += s.slice(0, s.length - hold.length);
            this.pending = hold;
            return;
          }
          this.reasoning += s.slice(0, close.index);
          this.record("reasoning", `reasoning in ${this.mode.opened}…${close[0]} printed as text`, this.reasoning);
          this.reasoning = "";
          this.mode = { kind: "text" };
          s = s.slice(close.index + close[0].length);
          continue;
        }
        case "analysis": {
          const end = /<\|(?:end|start|channel)\|>/.exec(s);
          if (!end) {
            const hold = final ? "" : partialSuffix(s, PARTIAL_MARKER);
            this.reasoning += s.slice(0, s.length - hold.length);
            this.pending = hold;
            return;
          }
          this.reasoning += s.slice(0, end.index);
          this.record("reasoning", "a Harmony analysis channel printed as text", this.reasoning);
          this.reasoning = "";
          this.mode = { kind: "text" };
          // <|start|> and <|channel|> are read as markers in text mode
          s = end[0] === "<|end|>" ? s.slice(end.index + end[0].length) : s.slice(end.index);
          continue;
        }
        case "final-header": {
          // "<|channel|>final" is followed by optional constraints and <|message|>
          const msg = /<\|message\|>/.exec(s);
          if (!msg && !final && s.length < 80) {
            this.pending = s;
            return;
          }
          this.mode = { kind: "text" };
          if (msg) {
            this.record("control-token", "Harmony's final-channel header printed as text", `<|channel|>final${s.slice(0, msg.index + msg[0].length)}`);
            s = s.slice(msg.index + msg[0].length);
          }
          continue;
        }
        case "bare-analysis": {
          const fin = HARMONY_BARE_FINAL.exec(s);
          if (!fin) {
            const hold = final ? "" : partialSuffix(s, BARE_FINAL_PREFIX);
            this.reasoning += s.slice(0, s.length - hold.length);
            this.pending = hold;
            return;
          }
          this.reasoning += s.slice(0, fin.index);
          this.record("reasoning", "a Harmony analysis channel whose markers were lost (analysis…assistantfinal)", this.reasoning);
          this.reasoning = "";
          this.mode = { kind: "text" };
          s = s.slice(fin.index + fin[0].length);
          continue;
        }
        case "text":
          s = this.textMode(s, final);
          continue;
      }
    }
  }

  /** Text mode: hand text to the line layer up to the next marker and react to it; returns what is left. */
  private textMode(s: string, final: boolean): string {
    if (!this.started) {
      // the very start decides whether this is Harmony without its markers ("analysisThe user…")
      const lead = s.trimStart();
      if (!final && lead.length < 9 && "analysis".startsWith(lead.toLowerCase())) {
        this.pending = s;
        return "";
      }
      this.started = true;
      const bare = HARMONY_BARE_START.exec(s);
      if (bare) {
        this.mode = { kind: "bare-analysis" };
        this.reasoning = "";
        return s.slice(bare[0].length);
      }
    }
    const m = MARKER.exec(s);
    const fin = HARMONY_BARE_FINAL.exec(s);
    if (fin && (!m || fin.index < m.index)) {
      // "…assistantfinal" after text already handed on: that text was reasoning
      this.lineText(s.slice(0, fin.index));
      this.takeBack("a Harmony analysis channel whose markers were lost (…assistantfinal)");
      return s.slice(fin.index + fin[0].length);
    }
    if (!m) {
      const hold = final ? "" : partialSuffix(s, PARTIAL_MARKER) || partialSuffix(s, BARE_FINAL_PARTIAL);
      this.lineText(s.slice(0, s.length - hold.length));
      this.pending = hold;
      return "";
    }
    this.lineText(s.slice(0, m.index));
    const marker = m[0];
    let rest = s.slice(m.index + marker.length);
    const open = /^<(think|thinking|reasoning|thought)>$|^\[THINK\]$|^◁think▷$/i.exec(marker);
    if (open) {
      const name = (open[1] ?? marker).toLowerCase();
      this.mode = { kind: "think", close: THINK_CLOSE[name] ?? /<\/think>/i, opened: marker };
      this.reasoning = "";
      return rest;
    }
    if (/^<\/(?:think|thinking|reasoning|thought)>$|^\[\/THINK\]$|^◁\/think▷$/i.test(marker)) {
      // a closing tag whose opening was in the prompt: everything before it was reasoning
      this.takeBack(`reasoning closed by ${marker}, opened in the prompt`);
      return rest;
    }
    if (marker === "<|channel|>") {
      const ch = CHANNEL.exec(rest);
      if (!ch) {
        if (!final && rest.length < 24) {
          this.pending = marker + rest;
          return "";
        }
        this.record("control-token", "a control token printed as text", marker);
        return rest;
      }
      rest = rest.slice(ch[0].length);
      if (ch[1]!.toLowerCase() === "final") {
        this.mode = { kind: "final-header" };
        return rest;
      }
      const msg = /^\s*<\|message\|>/.exec(rest);
      if (msg) rest = rest.slice(msg[0].length);
      this.mode = { kind: "analysis" };
      this.reasoning = "";
      return rest;
    }
    if (marker === "<|start|>" || /^<\|im_start\|>$|^<start_of_turn>$/i.test(marker)) {
      const role = /^\s*(?:assistant|model|user|system|developer)\b\s*/.exec(rest);
      if (!role && !final && rest.length < 12) {
        this.pending = marker + rest;
        return "";
      }
      this.record("control-token", "a control token printed as text", marker + (role?.[0] ?? ""));
      return role ? rest.slice(role[0].length) : rest;
    }
    if (END_OF_TURN.test(marker) && (this.proseStarted || this.line.text.trim() !== "")) {
      this.finishLine(false);
      if (!this.stopSignal) this.stopSignal = { reason: `the model ended its turn (${marker}) and went on`, line: marker };
      this.record("control-token", `an end-of-turn token (${marker}); what follows is not this reply`, marker + rest);
      this.dropped += rest.length;
      this.mode = { kind: "after-end" };
      return "";
    }
    this.record("control-token", "a control token printed as text", marker);
    return rest;
  }

  /** Everything handed on so far was reasoning: take it back. */
  private takeBack(reason: string): void {
    const taken = this.visible;
    // what was recorded as chatter or headings inside it was part of the reasoning
    const undone = this.strips.splice(this.stripsFrom);
    this.stripAt.splice(this.stripsFrom);
    for (const s of undone) {
      if (s.kind === "control-token" || s.kind === "reasoning") {
        this.strips.push(s);
        this.stripAt.push(0);
      }
    }
    this.record("reasoning", reason, taken);
    this.stripsFrom = this.strips.length;
    this.visible = "";
    this.line = newLine();
    this.gap = "";
    this.space = "";
    this.proseStarted = false;
    this.tailHeld = [];
    this.breakHeld = null;
    this.stopSignal = null;
    if (this.out !== "") {
      this.out = "";
      this.changes.push({ reset: "" });
    }
  }

  // ── line layer: chatter, headings, the next unit ──

  private lineText(s: string): void {
    if (!s) return;
    this.visible += s;
    if (this.stopSignal) {
      this.dropped += s.length;
      return;
    }
    let rest = s;
    while (rest.length > 0) {
      const nl = rest.indexOf("\n");
      if (nl < 0) {
        this.line.text += rest;
        this.progress();
        return;
      }
      this.line.text += rest.slice(0, nl);
      this.finishLine(false);
      rest = rest.slice(nl + 1);
      if (this.stopSignal) {
        this.dropped += rest.length + 1;
        return;
      }
      this.gap += "\n";
    }
  }

  /** The line grew: decide whether it streams, and stream what is safe. */
  private progress(): void {
    const l = this.line;
    if (l.prose) return this.streamProse(false);
    const lead = l.text.trimStart();
    if (l.held) {
      // once prose has begun, a held line is released when its first sentence is complete and reads
      // as prose; before the prose, and for a writer's remark, the whole line is judged, except a
      // line held only for opening like a question: its first sentence tells a question to the
      // requester from the story's own
      if ((this.proseStarted || l.question) && !WRITER_TALK.test(lead.replace(/^[*_\s]+/, "")) && this.firstSentenceIsProse(lead)) {
        l.held = false;
        l.prose = true;
        this.streamProse(false);
      }
      return;
    }
    // nothing but markup so far ("*   ", "## ", "1."): what follows decides
    if (!/[\p{L}\p{N}]/u.test(lead.replace(/^\d{1,3}[.)]/, ""))) return;
    // enough of the line to judge how it opens: three words, or a mark prose does not start with.
    // Emphasis marks are not words: "**Chap" or "*End" streamed so far says nothing yet
    if (!/^\S+\s+\S+\s+\S+\s/.test(lead.replace(/^[*_]+/, "")) && !/^[#>|[(<~=（【]/.test(lead) && lead.length < 24) return;
    // a line that opens like a question is held too (it may be asked of the requester), but only
    // until its first sentence shows whose question it is
    const question = QUESTION_OPENER.test(lead.replace(/^[*_\s]+/, ""));
    if (question || this.risky(lead)) {
      l.held = true;
      l.question = question;
      return;
    }
    l.prose = true;
    this.streamProse(false);
  }

  /** A line opening that may be chatter, a heading, a label, a refusal, a list or markup: held until judged. */
  private risky(lead: string): boolean {
    if (/^[#|>[(<~=（【`]|^-{3}|^_{3}|^\*{3}/.test(lead) || LIST_ITEM.test(lead) || TABLE_ROW.test(lead) || ROLE_LABEL.test(lead)) return true;
    const bare = lead.replace(/^[*_\s]+/, "");
    if (/^[#|>[(<~=（【]/.test(bare) || RISKY_OPENER.test(bare) || REFUSAL.test(bare)) return true;
    // "Week 13:", "Chapter Four —", "Part II.", "4."
    if (/^\p{Lu}\p{L}*\s+(?:\d+|[IVXLCDM]+|\p{Lu}\p{L}*)\s*[:–—-]/u.test(bare) || /^(?:\d{1,4}|[IVXLCDM]{1,7})[.):]?(?:\s|$)/.test(bare)) return true;
    const first = (bare.split(/\s+/)[0] ?? "").replace(/[^\p{L}]/gu, "");
    if (this.headings.isLevel(first)) return true;
    if (!this.proseStarted && this.config.title) {
      const title = norm(this.config.title);
      const sofar = norm(bare);
      if (title && (title.startsWith(sofar) || sofar.startsWith(title))) return true;
    }
    return false;
  }

  /** The held line's first sentence has ended (with . ! ?, not a colon) and is prose. */
  private firstSentenceIsProse(t: string): boolean {
    SENTENCE_END.lastIndex = 0;
    const end = SENTENCE_END.exec(t);
    if (!end) return false;
    const first = t.slice(0, end.index + end[0].length);
    if (LIST_ITEM.test(first) || TABLE_ROW.test(first) || /^[([（【]/.test(first.trim())) return false;
    return !isChatterSentence(first, this.unit) && !REFUSAL.test(first.trim()) && this.headings.parse(first) === null;
  }

  /**
   * Hands the prose line on up to what is safe. A sentence that opens like chatter ("Let me
   * know…", "(Word count") is held until it ends, then kept or dropped; the first characters of a
   * sentence just begun wait until it can be told apart.
   */
  private streamProse(complete: boolean): void {
    const l = this.line;
    for (;;) {
      const rest = l.text.slice(l.consumed);
      if (!rest) return;
      const starts: number[] = l.atSentence ? [0] : [];
      SENTENCE_END.lastIndex = 0;
      for (let m = SENTENCE_END.exec(rest); m; m = SENTENCE_END.exec(rest)) starts.push(m.index + m[0].length);
      let hold = -1;
      for (const start of starts) {
        if (start === 0 && l.consumed === 0) continue; // the line's opening was judged already
        const lead = rest.slice(start);
        if ((!complete && lead.trim().length < 16 && !/[.!?…。！？]/.test(lead)) || suspectSentence(lead)) {
          hold = start;
          break;
        }
      }
      if (hold < 0) {
        this.emitProse(rest);
        l.consumed += rest.length;
        l.atSentence = /[.!?…。！？]["'”’)\]*」』]*\s*$/.test(rest);
        return;
      }
      this.emitProse(rest.slice(0, hold));
      l.consumed += hold;
      l.atSentence = true;
      const sentenceText = rest.slice(hold);
      SENTENCE_END.lastIndex = 0;
      const end = SENTENCE_END.exec(sentenceText);
      if (!end && !complete) return; // wait for the rest of the sentence
      const len = end ? end.index + end[0].length : sentenceText.length;
      const sentence = sentenceText.slice(0, len);
      if (suspectSentence(sentence) && isChatterSentence(sentence, this.unit)) {
        this.record(this.proseStarted ? "inline-chatter" : "preamble", "a sentence that talks to the requester about the writing", sentence);
      } else {
        this.emitProse(sentence);
      }
      l.consumed += len;
    }
  }

  /** A line ended (or the reply did): finish a streamed line, judge a held one. */
  private finishLine(atEnd: boolean): void {
    const l = this.line;
    this.line = newLine();
    if (l.prose) {
      this.line = l;
      this.streamProse(true);
      this.line = newLine();
      return;
    }
    if (l.text.trim()) this.judgeLine(l.text.trim(), atEnd);
  }

  private judgeLine(trimmed: string, atEnd: boolean): void {
    const kind: StripKind = this.proseStarted ? "inline-chatter" : "preamble";
    if (FENCE.test(trimmed)) return this.record(kind, "a code fence around the prose", trimmed);
    if (this.proseStarted && ROLE_LABEL.test(trimmed)) return this.stopAt(trimmed, `the model began another turn ("${clip(trimmed.split(":")[0]!)}:")`);
    if (SEPARATOR.test(trimmed)) {
      // a scene break between paragraphs is the writer's; one before the prose or after it frames it,
      // so it waits for prose to follow
      if (this.proseStarted && !atEnd) {
        this.breakHeld ??= { text: trimmed, gap: this.gap };
        this.gap = "";
        return;
      }
      return this.record(kind, "a separator line around the prose", trimmed);
    }
    const heading = this.headings.parse(trimmed);
    if (heading) {
      const own = this.headings.isOwn(heading);
      if (!this.proseStarted) {
        if (own || heading.level !== undefined) return this.record("repeated-heading", own ? "a heading that repeats the unit's own" : "a heading at the top of the reply (not quite the unit's own)", trimmed);
        return this.record("heading", "a heading before the prose, which Quire writes itself", trimmed);
      }
      if (own) return this.record("repeated-heading", "a heading that repeats the unit's own", trimmed);
      if (this.headings.isOther(heading)) return this.stopAt(trimmed, `the heading of another unit began ("${clip(trimmed)}")`);
      return this.record("heading", "a heading line inside the prose (the prompt asks for none)", trimmed);
    }
    const label = labelPrefix(trimmed, this.headings);
    if (label) {
      if (this.proseStarted && !this.headings.isOwn(label.heading)) return this.stopAt(trimmed, `a label of another unit began ("${clip(label.label.trim())}")`);
      this.record("repeated-heading", "a label that repeats the unit's heading", label.label.trim());
      return this.judgeLine(label.rest.trim(), atEnd);
    }
    if (TABLE_ROW.test(trimmed)) return this.record("table", "a table row where prose was asked", trimmed);
    if (LIST_ITEM.test(trimmed)) {
      // "2. **Period:** Is the story set around 1900, or later?": a question to the requester, not an outline point
      if (/[?？]/.test(trimmed)) return this.record(kind, "a numbered question to the requester", trimmed);
      return this.record("list", "a list item where prose was asked", trimmed);
    }
    if (END_MARK.test(trimmed)) {
      if (!this.proseStarted) return this.record(kind, "an end mark before the prose", trimmed);
      this.tailHeld.push({ text: trimmed, gap: this.gap });
      this.gap = "";
      return;
    }
    // sentence by sentence: chatter at the start and at the end of the line goes
    const sentences = sentencesOf(trimmed);
    if ((sentences.length === 1 || NOTE_LINE.test(trimmed)) && isChatterSentence(trimmed, this.unit)) return this.record(kind, "a line that talks to the requester about the writing", trimmed);
    let from = 0;
    let to = sentences.length;
    while (from < to && isChatterSentence(sentences[from]!, this.unit)) from++;
    while (to > from && isChatterSentence(sentences[to - 1]!, this.unit)) to--;
    if (from === to) return this.record(kind, "a line that talks to the requester about the writing", trimmed);
    const keep = sentences.slice(from, to).join("").trim();
    // "Here is Chapter 8: Father and Son", "Okay, here's Section 3: From the Boats, focusing on…":
    // what follows the presenting sentence names the unit, so the line is about the piece
    if (from > 0 && (this.headings.parse(keep) !== null || (this.startsWithTitle(keep) && this.unit.namesUnit(sentences.slice(0, from).join(""))))) {
      return this.record(kind, "a line that presents the piece by its heading or title", trimmed);
    }
    if (from > 0) this.record(kind, "chatter before the prose on the same line", sentences.slice(0, from).join(""));
    if (to < sentences.length) this.record("inline-chatter", "chatter after the prose on the same line", sentences.slice(to).join(""));
    const bare = keep.replace(/^[*_\s]+/, "");
    if (!this.proseStarted && REFUSAL.test(bare)) {
      // a refusal is not prose: dropped, and the reply is a refusal unless prose follows it
      return this.record("refusal", "a refusal", keep);
    }
    if (WRITER_TALK.test(bare)) {
      // "I've tried to capture…": before the prose a remark on the writing; after it, a remark only
      // if nothing follows (a narrator may talk like that), so it waits
      if (!this.proseStarted) return this.record("preamble", "a remark on how the piece was written", keep);
      this.tailHeld.push({ text: keep, gap: this.gap });
      this.gap = "";
      return;
    }
    this.emitProse(keep);
  }

  private startsWithTitle(text: string): boolean {
    const title = this.config.title ? norm(this.config.title) : "";
    return title !== "" && `${norm(text)} `.startsWith(`${title} `);
  }

  private stopAt(line: string, reason: string): void {
    this.stopSignal = { reason, line };
    this.record("next-unit", reason, line);
    this.dropped = line.length;
    this.gap = "";
  }

  /** Hands prose on, after the paragraph break or space that came before it. */
  private emitProse(text: string): void {
    if (!text) return;
    const body = text.replace(/\s+$/, "");
    const trailing = text.slice(body.length);
    if (!body.trim()) {
      if (this.proseStarted) this.space += trailing;
      return;
    }
    // what waited for prose to follow it is the writer's after all, each with its own paragraph break
    if ((this.tailHeld.length > 0 || this.breakHeld !== null) && this.proseStarted) {
      const current = this.gap;
      const waiting = [...(this.breakHeld ? [this.breakHeld] : []), ...this.tailHeld.splice(0)];
      this.breakHeld = null;
      for (const w of waiting) {
        this.gap = w.gap || "\n\n";
        this.emitProse(w.text);
      }
      this.gap = current || "\n\n";
    }
    let piece: string;
    if (!this.proseStarted) {
      piece = body.trimStart();
      this.proseStarted = true;
    } else if (this.gap) {
      piece = (this.gap.length >= 2 ? "\n\n" : "\n") + body.trimStart();
    } else {
      piece = this.space + body;
    }
    this.gap = "";
    this.space = trailing;
    this.out += piece;
    this.changes.push({ append: piece });
  }

  private record(kind: StripKind, reason: string, text: string): void {
    if (!text.trim()) return;
    this.strips.push({ kind, reason, text: clip(text.trim()), chars: text.length });
    this.stripAt.push(this.out.length);
  }
}

/** The longest suffix of `s` that could be the start of a marker, to hold back for the next delta. */
function partialSuffix(s: string, re: RegExp): string {
  const m = re.exec(s);
  if (!m || m[0].length === 0) return "";
  return m[0].length <= 48 ? m[0] : "";
}

/** Cleans a whole reply at once (the same rules as streaming), with its class. */
export function cleanReply(raw: string, config: CleanReplyConfig): { text: string; strips: Strip[]; stop: StopSignal | null; kind: ReplyClass } {
  const cleaner = new ReplyCleaner(config);
  cleaner.push(raw);
  const text = cleaner.end();
  return { text, strips: cleaner.strips, stop: cleaner.stop, kind: cleaner.classify() };
}

