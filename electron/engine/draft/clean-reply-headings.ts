/**
 * Headings in a model's reply, for the reply cleaner: the unit's own heading repeated in any
 * form ("# Chapter 3: The Piano", "**Chapter 3**", "CHAPTER THREE", "Chapter III", the bare
 * title), and the heading or label of another unit ("Chapter 4", "Week 13:", "4." in a book
 * numbered that way, another unit's title).
 *
 * A number in words is read by the reader the engine passes (its numbers module); without one,
 * digits and Roman numerals are read and a number in words is recognised by the shape of the line.
 */

export interface HeadingsConfig {
  heading: string;
  title?: string;
  otherHeadings?: readonly string[];
  otherHeadingPattern?: RegExp;
  levelNames?: readonly string[];
  readNumber?: (token: string) => number | null;
}

const DEFAULT_LEVELS = ["chapter", "part", "book", "act", "scene", "section", "episode", "lesson", "week", "day", "entry", "letter", "volume", "module", "unit", "session", "step", "stage", "floor", "level", "round", "canto", "movement"];
const ROMAN = /^(?=[mdclxvi]+$)m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})$/i;

function romanValue(s: string): number {
  const v: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100, d: 500, m: 1000 };
  const t = s.toLowerCase();
  let total = 0;
  for (let k = 0; k < t.length; k++) {
    const a = v[t[k]!]!;
    const b = k + 1 < t.length ? v[t[k + 1]!]! : 0;
    total += a < b ? -a : a;
  }
  return total;
}

/** A heading line, stripped of its markdown, and what it names. */
export interface HeadingLine {
  /** markdown heading or emphasis around the whole line */
  marked: boolean;
  /** level word, lower case ("chapter"), when the line names a level and a number */
  level?: string;
  /** the number, when it could be read */
  number?: number | null;
  /** the rest after the level and number ("The Piano") or the whole line */
  rest: string;
  plain: string;
}

export const norm = (s: string) =>
  s
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

export class Headings {
  private readonly levels: string[];
  /** the levels this book's units are named by ("chapter"); a "Scene 2" inside a chapter book is not a unit */
  private readonly bookLevels: Set<string>;
  private readonly own: { level?: string; number?: number | null; plain: string } = { plain: "" };
  private readonly ownTitle: string = "";
  private readonly others = new Set<string>();
  /** the units are headed by a bare number ("3", "IV") */
  private readonly numbered: boolean;

  constructor(private readonly config: HeadingsConfig) {
    const fromHeadings = [config.heading, ...(config.otherHeadings ?? [])].map((h) => /^\s*([\p{L}]+)\s+\S/u.exec(h)?.[1]?.toLowerCase()).filter((w): w is string => Boolean(w));
    this.bookLevels = new Set([...(config.levelNames ?? []).map((l) => l.toLowerCase()), ...fromHeadings]);
    this.levels = [...new Set([...this.bookLevels, ...DEFAULT_LEVELS])];
    this.numbered = [config.heading, ...(config.otherHeadings ?? [])].some((h) => /^\s*(?:\d{1,4}|[IVXLCDM]{1,7})\.?\s*$/.test(h));
    const own = this.parse(config.heading);
    this.own = { ...(own?.level !== undefined ? { level: own.level, number: own.number } : {}), plain: norm(config.heading) };
    this.ownTitle = config.title ? norm(config.title) : "";
    for (const h of config.otherHeadings ?? []) if (norm(h)) this.others.add(norm(h));
  }

  isLevel(word: string): boolean {
    return this.levels.includes(word.toLowerCase());
  }

  readNumber(token: string): number | null {
    if (/^\d+$/.test(token)) return Number(token);
    if (ROMAN.test(token)) return romanValue(token);
    return this.config.readNumber?.(token) ?? null;
  }

  /** The line as a heading, or null when it reads as prose. */
  parse(line: string): HeadingLine | null {
    const t = line.trim();
    if (!t || t.length > 120) return null;
    let marked = false;
    let core = t;
    const hashes = /^#{1,6}\s+(.*?)\s*#*$/.exec(core);
    if (hashes) {
      marked = true;
      core = hashes[1]!;
    }
    // emphasis around a whole short line that is not a sentence reads as a heading ("**Chapter 3**");
    // an emphasised sentence (an epigraph, a letter in italics) is prose
    const wrapped = /^(\*\*|__|\*|_)(.+)\1[:.]?$/.exec(core);
    if (wrapped && wrapped[2]!.trim().split(/\s+/).length <= 10 && !/[.!?…,;]["'”’]?$/.test(wrapped[2]!.trim())) {
      marked = true;
      core = wrapped[2]!.trim();
    }
    core = core.replace(/^\*\*|\*\*$/g, "").trim();
    const plain = norm(core);
    if (!plain) return null;
    const m = /^([\p{L}]+)\s+([\p{L}\p{N}]+(?:[-‐–][\p{L}]+)?)\b\s*(?:[:.\-–—|,]\s*)?(.*)$/u.exec(core);
    if (m && this.levels.includes(m[1]!.toLowerCase())) {
      const token = m[2]!;
      const number = this.readNumber(token.replace(/[-‐–]/g, "-"));
      const rest = m[3]!.trim();
      const words = plain.split(" ").length;
      // "Week 13: On Monday the team met…" is a label before prose, not a heading line
      if (rest.split(/\s+/).length > 12) return null;
      // a number in words (without a reader) is recognised by its shape: capitalised, on a short
      // line that does not read as a sentence ("Chapter Four: The Storm", "CHAPTER FOUR")
      const shaped = number === null && /^\p{Lu}/u.test(token) && words <= 10 && !/[,;]/.test(core.slice(m[1]!.length + token.length + 1)) && !/[.!?]$/.test(rest);
      if (number !== null || shaped) return { marked, level: m[1]!.toLowerCase(), number, rest, plain };
    }
    // a line that is only a number ("4.", "IV") never is prose: in a book whose units are numbered
    // that way it is a unit's heading
    const numeral = /^(\d{1,4}|[IVXLCDM]{1,7})[.):]?$/.exec(core);
    if (numeral && (this.numbered || marked)) return { marked, level: "", number: this.readNumber(numeral[1]!), rest: "", plain };
    const bare = /^(?:prologue|epilogue|interlude|afterword|foreword|introduction|conclusion)\b/i.test(core) && plain.split(" ").length <= 8;
    if (marked || bare || plain === this.own.plain || (this.ownTitle && plain === this.ownTitle) || this.others.has(plain) || this.config.otherHeadingPattern?.test(core)) {
      return { marked, rest: core, plain };
    }
    return null;
  }

  /** Whether the heading is this unit's own (by number, title or the whole text). */
  isOwn(h: HeadingLine): boolean {
    if (h.plain === this.own.plain) return true;
    if (this.ownTitle && (h.plain === this.ownTitle || norm(h.rest) === this.ownTitle)) return true;
    if (h.level !== undefined && this.own.level === h.level && h.number !== null && h.number !== undefined) return h.number === this.own.number;
    return false;
  }

  /** Whether the heading begins another unit: another number of a level, another unit's heading or title. */
  isOther(h: HeadingLine): boolean {
    if (this.isOwn(h)) return false;
    if (this.others.has(h.plain) || (h.rest && this.others.has(norm(h.rest)))) return true;
    if (this.config.otherHeadingPattern?.test(h.rest) || this.config.otherHeadingPattern?.test(h.plain)) return true;
    if (h.level !== undefined) return h.level === "" ? this.numbered : this.bookLevels.size === 0 || this.bookLevels.has(h.level);
    return /^(?:prologue|epilogue|interlude|afterword)\b/.test(h.plain);
  }
}

/** A label that begins a unit on the same line as its text: "Week 13: On Monday the team…". */
export function labelPrefix(line: string, headings: Headings): { label: string; heading: HeadingLine; rest: string } | null {
  const m = /^\s*(?:\*\*|__)?((?:[\p{L}]+\s+)?[\p{L}\p{N}]+)(?:\*\*|__)?\s*[:.\-–—]\s*(?:\*\*|__)?\s+(?=\S)/u.exec(line);
  if (!m) return null;
  const heading = headings.parse(m[1]!);
  if (heading?.level === undefined) return null;
  return { label: m[0], heading, rest: line.slice(m[0].length) };
}
