/**
 * The project as data. On disk a project is a folder `Title.quire/` (see electron/node/store):
 *   quire.json        ProjectMeta
 *   manuscript/*.md   one file per unit: YAML front matter (UnitMeta) + Markdown body
 *   bible/*.md        one file per entity: YAML front matter (BibleEntryMeta) + notes
 *   brief.md, plan.json, runs/, proposals/, snapshots/
 */

export const PROJECT_SCHEMA_VERSION = 1;

export type UnitStatus = "todo" | "draft" | "revised" | "final";

export interface DailyWords {
  /** ISO date, YYYY-MM-DD, in the writer's local time */
  date: string;
  /** words the writer added that day (their own words, not the model's) */
  words: number;
}

export interface ProjectSettings {
  /** Which counter word counts use; "auto" follows the project language (characters for zh/ja). */
  counter: "auto" | "words" | "characters";
  theme: "system" | "light" | "dark";
}

export interface ProjectMeta {
  schemaVersion: number;
  id: string;
  title: string;
  author: string;
  contact: string;
  /** BCP-47 language tag, e.g. "en-GB", "zh-Hans" */
  language: string;
  /** Names of the unit levels from the top, e.g. ["Part", "Chapter", "Scene"] or ["Week", "Day"]. */
  levels: string[];
  targetWords: number | null;
  /** ISO date */
  deadline: string | null;
  settings: ProjectSettings;
  history: DailyWords[];
  createdAt: string;
  updatedAt: string;
}

export interface UnitMeta {
  /** stable id, never reused */
  id: string;
  parentId: string | null;
  /** index into ProjectMeta.levels; may exceed it for deeper trees (named by the last level) */
  level: number;
  /** position among siblings, 0-based */
  order: number;
  title: string;
  synopsis: string;
  targetWords: number | null;
  /** The target was fixed (by the brief, or the writer): rebalancing budgets leaves it alone. Absent: not pinned. */
  targetPinned?: boolean;
  status: UnitStatus;
  notes: string;
}

export interface Unit extends UnitMeta {
  /** Markdown body (CommonMark + footnotes; model-written spans marked, see text/provenance). */
  body: string;
}

export type BibleKind = "character" | "place" | "object" | "fact";

export interface BibleEntryMeta {
  id: string;
  kind: BibleKind;
  name: string;
  aliases: string[];
  /** free attributes: eyes: "green", born: "1871" */
  attributes: Record<string, string>;
}

export interface BibleEntry extends BibleEntryMeta {
  notes: string;
}

/** A whole project in memory, as export, import and the engine see it. Units are in document order (depth-first). */
export interface ProjectData {
  meta: ProjectMeta;
  units: Unit[];
  bible: BibleEntry[];
}
