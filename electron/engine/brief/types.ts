/**
 * The brief: what the writer asks for, as data. Parsed from brief.md (YAML front matter for
 * structured fields, Markdown body for the natural-language brief) by parse-brief.ts.
 */
import type { CountUnit } from "../../shared/text/count-words";

export interface StructureLevel {
  /** Singular level name as the writer uses it: "Part", "Chapter", "Week", "Floor". */
  name: string;
  /** How many units of this level each parent holds (for the top level: how many in total). */
  count: number;
  /** Heading pattern: {n} number within the level (global), {i} number within the parent, {roman}, {title}, {date}. */
  heading?: string;
  /** Per-unit targets by global 1-based index within this level. */
  targets?: Record<number, number>;
  /** Optional fixed titles, by global index - 1. */
  titles?: string[];
}

/** Units that are calendar periods (a weekly diary starting 1 January). */
export interface CalendarSpec {
  /** ISO date of the first unit's first day. */
  start: string;
  period: "day" | "week" | "month";
  /** Which structure level is the calendar one; defaults to the deepest. */
  level?: string;
}

export type Placement =
  | { kind: "once"; level: string; index: number }
  | { kind: "range"; level: string; from: number; to: number }
  | { kind: "periodic"; level: string; every: number; start: number }
  | { kind: "last"; level: string }
  /** Month-day ("05-13") or full ISO date; needs a calendar. */
  | { kind: "date"; date: string }
  | { kind: "anywhere" };

export interface Requirement {
  id: string;
  /** The brief's own wording, whole, so the writer recognises it. */
  text: string;
  /** The content to check and to ask for: `text` without the placement phrase. */
  content: string;
  placement: Placement;
  source: "front-matter" | "prose" | "model";
}

export interface StyleSpec {
  pov?: string;
  tense?: string;
  tone?: string;
  audience?: string;
  voiceSample?: string;
  avoid: string[];
}

export interface BriefBibleEntry {
  name: string;
  kind: "character" | "place" | "object" | "fact";
  aliases: string[];
  attributes: Record<string, string>;
}

export interface Brief {
  title: string;
  kind: string;
  language: string;
  premise: string;
  /** Free-text instructions: the Markdown body minus nothing; prompts quote it shortened. */
  instructions: string;
  length: { total: number; unit: CountUnit; tolerance: number };
  structure: StructureLevel[];
  calendar?: CalendarSpec;
  requirements: Requirement[];
  style: StyleSpec;
  /** Inline bible entries (a project's bible/ adds to these). */
  bible: BriefBibleEntry[];
  /** Where each structured value came from, for the writer to confirm. */
  provenance: Record<string, "front-matter" | "prose" | "default" | "model">;
}

export class BriefError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = "BriefError";
  }
}
