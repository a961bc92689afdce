import { localDate as sharedLocalDate } from "../../shared/domain/progress";
/** A fresh ProjectMeta, and the daily word history kept in it. */
import { PROJECT_SCHEMA_VERSION, type DailyWords, type ProjectMeta } from "../../shared/domain/project";
import { newId } from "./ids";

export interface NewProjectOptions {
  title: string;
  author?: string;
  /** BCP-47 tag; defaults to "en" */
  language?: string;
  /** unit level names from the top; defaults to Part / Chapter / Scene */
  levels?: string[];
  targetWords?: number | null;
}

export function newProjectMeta(options: NewProjectOptions, now = new Date()): ProjectMeta {
  const stamp = now.toISOString();
  return {
    schemaVersion: PROJECT_SCHEMA_VERSION,
    id: newId("p"),
    title: options.title.trim() || "Untitled",
    author: options.author ?? "",
    contact: "",
    language: options.language ?? "en",
    levels: options.levels && options.levels.length > 0 ? [...options.levels] : ["Part", "Chapter", "Scene"],
    targetWords: options.targetWords ?? null,
    deadline: null,
    settings: { counter: "auto", theme: "system" },
    history: [],
    createdAt: stamp,
    updatedAt: stamp,
  };
}

/** Adds `delta` words to `date` (YYYY-MM-DD), keeping the history sorted by date. */
export function addWordsToHistory(history: readonly DailyWords[], delta: number, date: string): DailyWords[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
  if (!Number.isInteger(delta)) throw new RangeError(`expected a whole number of words, got ${delta}`);
  const next = history.map((d) => ({ ...d }));
  const day = next.find((d) => d.date === date);
  if (day) day.words += delta;
  else next.push({ date, words: delta });
  return next.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** The writer's local calendar date, which is what "words today" means to them. */
export const localDate = (when = new Date()): string => sharedLocalDate(when);
