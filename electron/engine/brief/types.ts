/**
 * The brief: what the writer asks for, as data. Parsed from brief.md (YAML front matter for
 * structured fields, Markdown body for the natural-language brief) by parse-brief.ts.
 */
import type { CountUnit } from "../../shared/text/count-words";

export type { StructureLevel, GridSpec, Cell, CalendarSpec, Placement } from "../units/types";
import type { StructureLevel, CalendarSpec, GridSpec, Placement } from "../units/types";

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

/**
 * What the reader could not resolve, or had to assume, in the brief's own words. Each note can
 * carry the other reading, as a change the writer can take with one choice.
 */
export interface BriefNote {
  id: string;
  /** The brief's words the note is about. */
  text: string;
  /** Why it is listed: what could not be read, or what was assumed. */
  why: string;
  /** The requirement it concerns, when it concerns one. */
  requirementId?: string;
  alternative?: { description: string; change: BriefChange };
}

export type BriefChange =
  | { kind: "length"; total: number }
  | { kind: "placement"; requirementId: string; placement: Placement }
  | { kind: "structure"; structure: StructureLevel[] }
  | { kind: "grid"; grid: GridSpec };

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
  /** Sentences the reader could not place, one by one ("not understood"). */
  unresolved: BriefNote[];
  /** Structure, lengths and readings that had to be assumed. */
  assumed: BriefNote[];
  /** Per-unit floors ("at least 200 words each"): budgets never go under them. */
  minimumPerUnit?: number;
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
