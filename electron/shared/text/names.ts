/**
 * Where the story bible's names and aliases occur in a text: the one finder behind the
 * consistency monitor, the editor's highlighting and the bible's who-appears-where matrix.
 *
 * A name matches as written ("Hale", "Old Crale"), whole words only, the longest form winning
 * where two overlap ("Old Crale" is one mention of Crale, not two). An alias the writer gave
 * with a lower-case first word ("the vicar", "old Tom") is a common phrase that a sentence
 * capitalises: it also matches with its first letter capitalised at a sentence start ("The
 * vicar looked up"), and nowhere else, so "Old Tom" mid-sentence stays someone else. An
 * alias that opens with an article ("the Major", "The Major") takes the article in either
 * case anywhere, since the bible cannot know how the prose will set it.
 */

export interface NamedEntry {
  name: string;
  aliases: readonly string[];
}

export interface NameOccurrence {
  /** index of the entry in the list the finder was built from */
  entry: number;
  /** the name or alias as the bible gives it */
  form: string;
  /** the text as written */
  text: string;
  at: number;
  end: number;
  /** the first word of a sentence, a paragraph or a quotation */
  sentenceStart: boolean;
}

/** Leading articles of the languages Quire's writers use most; an alias that opens with one is a phrase. */
const ARTICLES = new Set(["the", "a", "an", "le", "la", "les", "l'", "un", "une", "der", "die", "das", "ein", "eine", "el", "los", "las", "il", "lo", "gli", "het", "een"]);

const LETTER = /[\p{L}\p{N}]/u;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Whether the word at `at` opens a sentence: text start, a new line, after . ! ? (and closing quotes), or after an opening quote. */
export function isSentenceStart(text: string, at: number): boolean {
  let i = at - 1;
  // an opening quotation mark (straight or curly) right before the word opens a quotation
  if (i >= 0 && /["“‘'«„]/.test(text[i]!)) {
    if (i === 0 || /[\s(\[—–-]/.test(text[i - 1]!)) return true;
  }
  let sawSpace = false;
  while (i >= 0 && /\s/.test(text[i]!)) {
    if (text[i] === "\n") return true;
    sawSpace = true;
    i--;
  }
  if (i < 0) return true;
  if (!sawSpace) return false;
  while (i >= 0 && /["”’'»)\]]/.test(text[i]!)) i--;
  return i >= 0 && /[.!?…]/.test(text[i]!);
}

interface FormPattern {
  entry: number;
  form: string;
  re: RegExp;
  /** a lower-case first word capitalised only where a sentence starts */
  capitalisedAtSentenceStart: boolean;
  /** first letter as the bible writes it, for the sentence-start rule */
  first: string;
}

function formPattern(entry: number, form: string): FormPattern {
  const firstWord = form.split(/\s+/)[0]!;
  const first = form[0]!;
  const article = form.includes(" ") && ARTICLES.has(firstWord.toLowerCase());
  const lowerFirst = first !== first.toUpperCase() && first === first.toLowerCase();
  // the first letter in either case where the form may be capitalised; the rest exactly as written
  const head = article || lowerFirst ? `[${escape(first.toLowerCase())}${escape(first.toUpperCase())}]` : escape(first);
  const body = form.slice(1).split(/\s+/).map(escape).join("\\s+");
  return {
    entry,
    form,
    re: new RegExp(`(?<![\\p{L}\\p{N}])${head}${body}(?![\\p{L}\\p{N}])`, "gu"),
    capitalisedAtSentenceStart: lowerFirst && !article,
    first,
  };
}

export class NameFinder {
  private readonly patterns: FormPattern[];

  constructor(entries: readonly NamedEntry[]) {
    const seen = new Set<string>();
    this.patterns = [];
    entries.forEach((e, i) => {
      for (const raw of [e.name, ...e.aliases]) {
        const form = raw.trim().replace(/\s+/g, " ");
        // one letter is no name to look for; the same form twice is looked for once
        if ([...form].length < 2 || !LETTER.test(form) || seen.has(form)) continue;
        seen.add(form);
        this.patterns.push(formPattern(i, form));
      }
    });
  }

  get empty(): boolean {
    return this.patterns.length === 0;
  }

  /** Every occurrence, in text order, overlaps resolved in favour of the longer form. */
  find(text: string): NameOccurrence[] {
    const all: NameOccurrence[] = [];
    for (const p of this.patterns) {
      for (const m of text.matchAll(p.re)) {
        const sentenceStart = isSentenceStart(text, m.index);
        if (p.capitalisedAtSentenceStart && m[0][0] !== p.first && !sentenceStart) continue;
        all.push({ entry: p.entry, form: p.form, text: m[0], at: m.index, end: m.index + m[0].length, sentenceStart });
      }
    }
    all.sort((a, b) => a.at - b.at || b.end - b.at - (a.end - a.at));
    const out: NameOccurrence[] = [];
    let reached = -1;
    for (const o of all) {
      if (o.at < reached) continue;
      out.push(o);
      reached = o.end;
    }
    return out;
  }

  /** Occurrences per entry, for the who-appears-where matrix. */
  countByEntry(text: string, entries: number): number[] {
    const counts = Array.from({ length: entries }, () => 0);
    for (const o of this.find(text)) counts[o.entry]!++;
    return counts;
  }
}
