/**
 * How long the brief wants things: a total ("10k-word", "60,000 words", "about 9,000 words
 * altogether"), a length per unit ("about 2,500 words each", "~1,800 words per lesson", "300 words
 * a week", "400 to 500 words each", "between 200 and 220 words per menu description", "each entry
 * at least 200 words"), a length for one unit ("Chapter 1 runs about 4,000 words"), characters for
 * Chinese and Japanese ("每章约三千字", "全体で約三万字"), and a tolerance ("±10 %").
 */
import { NUMBER_SOURCE, parseNumber } from "../base/numbers";
import type { Clause } from "./clauses";
import { guessSingular, singularOf } from "./level-names";

export interface Length {
  value: number;
  clause: number;
  /** "at least": a floor, not a target. */
  atLeast: boolean;
  /** the words as written, for notes */
  words: string;
  range?: [number, number];
}

export interface LengthReading {
  total?: Length & { ambiguous?: boolean; explicit?: boolean };
  perUnit?: Length & { noun?: string };
  targets: (Length & { noun: string; index: number })[];
  unit?: "words" | "characters";
  tolerance?: number;
  consumed: Set<number>;
  /** "a 320-page novel": a length in pages, when no words are given. */
  pages?: Length;
  /** Which of a total and a per-unit length the brief says wins when they disagree. */
  prefer?: "total" | "per-unit";
  /** Every total and per-unit length found, in order, to report disagreements. */
  all: (Length & { kind: "total" | "per-unit" })[];
}

const N = NUMBER_SOURCE;
const MAX_LENGTHS_PER_CLAUSE = 24;
/** Words that take back what was just said ("actually, make that", "no, sorry", "or rather"). */
const CORRECTION = /^[\s,;:()—–-]*(?:(?:no|sorry|actually|wait|well|correction|scratch\s+that|or\s+rather|I\s+mean|make\s+(?:it|that)|let['’]?s\s+say)[\s,;:.!—–-]*)+$/i;
const CJK_NUM = "[0-9０-９,，零一二三四五六七八九十百千万萬两〇]+";
const UNIT_WORD = "(words?|characters?|chars?|mots|wörtern?|palabras|parole|palavras|caractères|zeichen)";
const MOD = "(avg\\.?|average(?:\\s+of)?|averaging|about|around|roughly|approximately|approx\\.?|some|nearly|almost|~|circa|c\\.|up\\s+to|no\\s+more\\s+than|at\\s+most|under|at\\s+least|a\\s+minimum\\s+of|minimum(?:\\s+of)?|min\\.?|over|more\\s+than|no\\s+fewer\\s+than|no\\s+less\\s+than|environ|etwa|ungefähr|rund|je|unas|unos|aproximadamente|circa|cerca\\s+de)?";
const LENGTH = new RegExp(`${MOD}\\s*(?:between\\s+)?(${N})(?:\\s*(?:-|–|—|to|and|à|bis|a)\\s*(${N}))?\\s*(?:-|\\s)?\\s*${UNIT_WORD}\\b`, "giu");
const PER_AFTER = /^\s*(?:each|apiece|a\s+piece|(?:per|a|an|for\s+each|in\s+each|every|for\s+every|about\s+each|on\s+each|about\s+every|par|pro|por|per|chacun|chacune|cada\s+uno|ciascuno)\s+(?:(?:single|individual)\s+)?([\p{L}'’-]+)(?:\s+([\p{L}'’-]+))?)/iu;
const TOTAL_AFTER = /^\s*(?:in\s+total|total|altogether|overall|in\s+all|all\s+told|combined|in\s+length|long|au\s+total|insgesamt|en\s+total|in\s+tutto|no\s+total)\b/i;
const TOTAL_BEFORE = /\b(?:total(?:\s+(?:length|word\s+count))?(?:\s+of)?|a\s+total\s+of|the\s+whole\s+(?:thing|book|piece|collection|course|document)|overall|altogether|in\s+all)\s*(?:is|of|should\s+be|:)?\s*$/i;
const CONTAINER_WORD = /^(?:novel|novella|novelette|book|story|collection|anthology|guide|report|manuscript|memoir|essay|piece|course|podcast|series|diary|journal|script|play|document|text|work|draft|saga|epic|history|handbook|manual|cookbook|travelogue|thesis|dissertation)s?$/i;

function value(a: string, b: string | undefined): { value: number; range?: [number, number] } | null {
  // "60-70k words": the thousands said once, for both ends
  const shared = b !== undefined && /\d\s?[kK]$/.test(b.trim()) && /^\d+(?:\.\d+)?$/.test(a.trim());
  const x = parseNumber(shared ? `${a.trim()}k` : a);
  const y = b === undefined ? null : parseNumber(b);
  if (x === null) return null;
  if (y !== null && y > x) return { value: Math.round((x + y) / 2), range: [x, y] };
  return { value: x };
}

export function readLengths(clauses: Clause[], levelNames: string[], countNouns: Set<string>): LengthReading {
  const out: LengthReading = { targets: [], consumed: new Set(), all: [] };
  const isLevel = (noun: string | undefined) => {
    if (!noun) return false;
    const s = singularOf(noun) ?? guessSingular(noun);
    return levelNames.some((l) => l.toLowerCase() === s) || countNouns.has(s);
  };
  clauses.forEach((c, i) => {
    const text = c.text;
    let previousEnd = -1;
    let seen = 0;
    for (const m of text.matchAll(LENGTH)) {
      // a sentence with dozens of lengths is no brief's sentence: reading stops, so a pasted table stays linear
      if (++seen > MAX_LENGTHS_PER_CLAUSE) break;
      // "60k words — actually, make that 70k": the later length replaces the one taken back
      const takenBack = previousEnd >= 0 && CORRECTION.test(text.slice(previousEnd, m.index).replace(/^\s*(?:each|apiece|per\s+[\p{L}]+|a\s+[\p{L}]+|in\s+total|total|altogether)\b/iu, ""));
      previousEnd = m.index + m[0].length;
      const v = value(m[2]!, m[3]);
      if (!v || v.value < 10) continue;
      const unit = /^(?:characters?|chars?|caractères|zeichen)$/i.test(m[4]!) ? "characters" : "words";
      out.unit ??= unit;
      const atLeast = /^(?:at\s+least|a\s+minimum\s+of|minimum|min|no\s+fewer|no\s+less|over|more\s+than)/i.test(m[1] ?? "");
      const before = text.slice(0, m.index);
      const after = text.slice(m.index + m[0].length);
      const length: Length = { value: v.value, clause: i, atLeast, words: m[0].trim(), ...(v.range ? { range: v.range } : {}) };
      out.consumed.add(i);
      if (takenBack && out.total && out.total.clause === i) {
        out.total = { ...length, explicit: out.total.explicit };
        continue;
      }
      if (takenBack && out.perUnit && out.perUnit.clause === i) {
        out.perUnit = { ...out.perUnit, ...length };
        continue;
      }
      // "30 short chapters (avg 2.5k words)": an average is a length for each unit
      if (/^av/i.test(m[1] ?? "")) {
        pushPer(length, undefined);
        continue;
      }
      // "a 10k-word novella": a total, whatever follows
      if (/^-?\s*words?\s+/i.test(m[0].slice(m[0].search(/words?/i))) && CONTAINER_WORD.test((/^\s*([\p{L}]+)/u.exec(after) ?? [])[1] ?? "")) {
        pushTotal(length);
        continue;
      }
      // "a 300-word teaser before each episode": the length of a part of something, not of the document or its units
      const element = /^\s*([\p{L}]+)/u.exec(after)?.[1] ?? "";
      if (/^-?\s*words?$/i.test(m[0].slice(m[0].search(/words?/i)).trim()) && /-\s*words?$/i.test(m[0]) && element && !isLevel(element) && !CONTAINER_WORD.test(element) && /^\s*[\p{L}]+\s+(?:before|after|at\s+the\s+(?:start|end)\s+of|opening|closing|ending|starting)\s+(?:each|every|all)\b/iu.test(after)) {
        continue;
      }
      const per = PER_AFTER.exec(after) ?? /^\s*[\p{L}'’-]+(?:\s+[\p{L}'’-]+){0,2}\s+(?:for|per|of|in)\s+(?:each|every)\s+([\p{L}'’-]+)()/iu.exec(after);
      if (per && !TOTAL_AFTER.test(after)) {
        const noun = per[1] && !/^(?:the|whole)$/i.test(per[1]) ? (isLevel(per[2]) ? per[2] : per[1]) : undefined;
        pushPer(length, noun && isLevel(noun) ? noun : undefined);
        continue;
      }
      if (TOTAL_AFTER.test(after) || TOTAL_BEFORE.test(before)) {
        pushTotal({ ...length, explicit: true });
        continue;
      }
      // "Chapter 1 runs about 4,000 words": one unit's own length
      const target = new RegExp(`\\b([\\p{L}]+)\\s+(\\d+|${N})\\b[^.;]{0,40}$`, "iu").exec(before);
      if (target && isLevel(target[1]) && !/\beach\b/i.test(before) && parseNumber(target[2]!) !== null && !/,\s*$/.test(before)) {
        out.targets.push({ ...length, noun: singularOf(target[1]!) ?? guessSingular(target[1]!), index: parseNumber(target[2]!)! });
        continue;
      }
      // "each diary entry should be at least 200 words", "chapters of about 500 words", "each containing at least 150 words"
      if (eachBefore(before, isLevel)) {
        pushPer(length, undefined);
        continue;
      }
      // "14 chapters of about 2,500 words", "18 Kapitel à 3.000 Wörter", "12 stories @ 3k words"
      // "lessons run about 1,200 words", "chapters should be around 3,000 words": said of every unit
      const said = /([\p{L}'’-]+)\s+(?:(?:should|must|will|can|could|would|may)\s+)?(?:run|be|are|average|come\s+in\s+at|clock\s+in\s+at|land\s+at)(?:\s+(?:to|at))?\s*$/iu.exec(before);
      if (said && isLevel(said[1]) && /s$/i.test(said[1]!) && singularOf(said[1]!) !== said[1]!.toLowerCase()) {
        pushPer(length, undefined);
        continue;
      }
      const ofBefore = new RegExp(`(?:${N})\\s+(?:[\\p{L}'’-]+\\s+)?([\\p{L}'’-]+)\\s+(?:of|at|running(?:\\s+to)?|à|@|each\\s+of|zu(?:\\s+(?:each|je))?|von(?:\\s+(?:each|je))?|da|x|×)\\s*$`, "iu").exec(before);
      if (ofBefore && isLevel(ofBefore[1])) {
        pushPer(length, undefined);
        continue;
      }
      // "in 12 chapters, about 36,000 words": a total, but the brief could mean either
      const countJustBefore = new RegExp(`(?:${N})\\s+(?:[\\p{L}'’-]+\\s+)?([\\p{L}'’-]+)(?:\\s+each)?\\s*(?:,|—|–|-|;|\\(|of\\s+about)\\s*$`, "iu").exec(before);
      pushTotal({ ...length, ...(countJustBefore && isLevel(countJustBefore[1]) ? { ambiguous: true } : {}) });
    }
    if (!out.consumed.has(i)) readLabelled(text, i, out);
    readCjk(text, i, out);
    readPages(text, i, out);
    const prefer = preferenceOf(text);
    if (prefer) {
      out.prefer = prefer;
      out.consumed.add(i);
    }
    const tol = /(?:±|\+\/-|\+\/−|plus\s+or\s+minus|give\s+or\s+take|within)\s*(\d+(?:\.\d+)?)\s*(?:%|percent|per\s*cent)/i.exec(text);
    if (tol) out.tolerance = Number(tol[1]) / 100;
  });
  return out;

  function pushTotal(l: Length & { ambiguous?: boolean; explicit?: boolean }) {
    out.all.push({ ...l, kind: "total" });
    if (!out.total || (out.total.ambiguous && !l.ambiguous)) out.total = l;
  }
  function pushPer(l: Length, noun: string | undefined) {
    out.all.push({ ...l, kind: "per-unit" });
    if (!out.perUnit) out.perUnit = { ...l, ...(noun ? { noun: singularOf(noun) ?? guessSingular(noun) } : {}) };
    else if (!out.perUnit.atLeast && l.atLeast && out.perUnit.value === l.value) out.perUnit.atLeast = true;
  }
}

/**
 * "Each diary entry should be at least", "each bed gets a page, about": a length for each unit.
 * Not "four parts of six chapters each, about 96,000 words", where "each" closes the count.
 */
function eachBefore(before: string, isLevel: (noun: string | undefined) => boolean): boolean {
  const all = [...before.matchAll(/\b(?:each|every|apiece|per)\b/giu)];
  const last = all[all.length - 1];
  if (!last) return false;
  const head = before.slice(0, last.index);
  if (new RegExp(`(?:${N})\\s+(?:[\\p{L}'’-]+\\s+)?[\\p{L}'’-]+\\s*$`, "iu").test(head)) return false;
  const tail = before.slice(last.index + last[0].length);
  // "3 acts, each act 5 chapters, 90,000 words": "each" closes a count of units, not a length
  for (const m of tail.matchAll(new RegExp(`(?:${N})\\s+([\\p{L}'’-]+)`, "giu"))) if (isLevel(m[1])) return false;
  if (/^\s*(?:of\s+)?(?:them\s+)?(?:about|around|roughly|approximately|some|at\s+least|between|up\s+to|no\s+more\s+than)?\s*$/i.test(tail)) return true;
  // "each script around 4,000 words", "each menu description should be about 200 words": whatever the noun, a length for each unit
  if (/^\s*[\p{L}'’-]+(?:\s+[\p{L}'’-]+)?\s+(?:(?:is|should\s+be|must\s+be|will\s+be|runs(?:\s+to)?|of|at|comes\s+to|being)\s+)?(?:about|around|roughly|approximately|some|at\s+least|between|up\s+to|no\s+more\s+than|~)?\s*$/iu.test(tail)) return true;
  const words = tail.trim().split(/\s+/).slice(0, 3);
  return words.some((w) => {
    const clean = w.replace(/[^\p{L}'’-]/gu, "");
    return isLevel(clean) || singularOf(clean) !== null;
  }) && tail.length < 120;
}

/** 每章约3000字 (per chapter), 全文约三万字 (in all), 各章は約三千字, 全体で約三万字. */
function readCjk(text: string, clause: number, out: LengthReading): void {
  const num = (raw: string) => parseNumber(raw.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/[,，]/g, ""));
  const per = new RegExp(`(?:每|各)[\\p{Script=Han}]{1,2}(?:は|の)?[^\\d零一二三四五六七八九十百千万]{0,6}(${CJK_NUM})\\s*(?:字|文字)`, "u").exec(text);
  const total = new RegExp(`(?:全文|全书|全書|总共|總共|共计|總計|总计|合计|合計|全体で|全部で|全体|总字数|字数)[^\\d零一二三四五六七八九十百千万]{0,6}(${CJK_NUM})\\s*(?:字|文字)`, "u").exec(text);
  const any = new RegExp(`(${CJK_NUM})\\s*(?:字|文字)`, "gu");
  if (per) {
    const v = num(per[1]!);
    if (v) {
      out.perUnit ??= { value: v, clause, atLeast: /至少|以上/.test(text), words: per[0] };
      out.all.push({ value: v, clause, atLeast: false, words: per[0], kind: "per-unit" });
      out.unit = "characters";
      out.consumed.add(clause);
    }
  }
  if (total) {
    const v = num(total[1]!);
    if (v) {
      out.total ??= { value: v, clause, atLeast: false, words: total[0] };
      out.all.push({ value: v, clause, atLeast: false, words: total[0], kind: "total" });
      out.unit = "characters";
      out.consumed.add(clause);
    }
  }
  if (!per && !total) {
    for (const m of text.matchAll(any)) {
      const v = num(m[1]!);
      if (!v || v < 10) continue;
      out.total ??= { value: v, clause, atLeast: false, words: m[0] };
      out.all.push({ value: v, clause, atLeast: false, words: m[0], kind: "total" });
      out.unit = "characters";
      out.consumed.add(clause);
      break;
    }
  }
}

/** "a 320-page novel", "about 300 pages": a length the writer gives in pages, not in words. */
function readPages(text: string, clause: number, out: LengthReading): void {
  if (out.pages) return;
  const m = new RegExp(`(?:\\b(?:about|around|roughly|approximately|some|~)\\s*)?(${N})\\s*(?:-|\\s)\\s*pages?\\b(?!\\s+(?:per|each|a|an|for|of)\\b)`, "iu").exec(text);
  if (!m) return;
  const v = parseNumber(m[1]!);
  if (v === null || v < 20 || v > 5000 || !Number.isInteger(v)) return;
  out.pages = { value: v, clause, atLeast: false, words: m[0].trim() };
}

/**
 * Which length the brief says counts when its total and its per-unit length disagree: "if those
 * two don't agree, go with the per-chapter length", "the total is what matters".
 */
function preferenceOf(text: string): "total" | "per-unit" | null {
  const VERB = "(?:go\\s+with|use|take|prefer|trust|stick\\s+(?:to|with)|keep(?:\\s+to)?|follow|honou?r|respect)";
  const WINS = "(?:wins?|takes?\\s+(?:priority|precedence)|comes?\\s+first|(?:is|are)\\s+what\\s+(?:counts|matters)|matters?\\s+more(?:\\s+than\\s+the\\s+\\w+)?|(?:is|are)\\s+(?:the\\s+ones?\\s+to\\s+(?:follow|keep|use)|fixed|firm|binding)|should\\s+(?:win|be\\s+followed|take\\s+priority)|rules?)";
  const MEASURE = "(?:length|figure|count|word\\s*count|target|number|size)s?";
  const UNIT = "(?:per[- ]?[\\p{L}]+|each\\s+[\\p{L}]+(?:['’]s)?|[\\p{L}]+[- ]level|(?:chapter|section|unit|episode|lesson|entry|story|scene|part|module|poem|letter|essay|day|week)(?:['’]s|s)?)";
  const perUnit = new RegExp(`\\b${VERB}\\s+the\\s+${UNIT}\\s+${MEASURE}\\b|\\b${UNIT}\\s+${MEASURE}\\s+${WINS}\\b|\\btrust\\s+the\\s+${UNIT}\\s+count\\s+and\\s+length\\b`, "iu");
  const total = new RegExp(`\\b${VERB}\\s+the\\s+(?:total|overall|grand\\s+total)(?:\\s+${MEASURE})?\\b|\\b(?:the\\s+)?(?:total|overall)(?:\\s+${MEASURE})?\\s+${WINS}\\b`, "iu");
  if (perUnit.test(text)) return "per-unit";
  if (total.test(text)) return "total";
  return null;
}

/** "Words: 72,000", "Word count: 80k", "Length: ~60,000", "Target: 85k": a total given as a form's field. */
function readLabelled(text: string, clause: number, out: LengthReading): void {
  const m = new RegExp(`(?:^|[.;,(|]\\s*|\\b)(?:words?|word[\\s-]?count|wordcount|length|total\\s+length|target(?:\\s+(?:length|word[\\s-]?count))?|total|w/c)\\s*[:=]\\s*${MOD}\\s*(${N})(?:\\s*(?:-|–|to)\\s*(${N}))?(?![\\d,.]*\\s*(?:%|pages?\\b|chapters?\\b|[\\p{L}]))`, "iu").exec(text);
  if (!m) return;
  const v = value(m[2]!, m[3]);
  if (!v || v.value < 100) return;
  const length: Length = { value: v.value, clause, atLeast: /^(?:at\s+least|minimum|min)/i.test(m[1] ?? ""), words: m[0].replace(/^[.;,(|\s]+/, "").trim(), ...(v.range ? { range: v.range } : {}) };
  out.consumed.add(clause);
  out.all.push({ ...length, kind: "total" });
  if (!out.total || out.total.ambiguous) out.total = { ...length, explicit: true };
}
