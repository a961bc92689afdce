import { z } from "zod";
import { entityId, fileProblem, isoDate, projectHandle, projectMeta, title, unitId, unitMeta } from "./common";
import { event, method } from "./define";

export const projectSummary = z.object({
  handle: projectHandle,
  title: z.string(),
  /** shown to the writer; never sent back as a path */
  location: z.string(),
  openedAt: z.string().nullable(),
});

export const recoveryEntry = z.object({
  unitId: z.string(),
  /** the client (tab, window) whose unsaved edits these were: two tabs on one unit are two entries */
  client: entityId.optional(),
  title: z.string(),
  journalBody: z.string(),
  diskBody: z.string(),
  savedAt: z.string(),
});

export const projectState = z.object({
  handle: projectHandle,
  location: z.string(),
  meta: projectMeta,
  units: z.array(unitMeta),
  /** files that could not be read; the rest of the project opened */
  problems: z.array(fileProblem),
  /** unsaved edits from a crash, offered back */
  recovery: z.array(recoveryEntry),
});
export type ProjectState = z.infer<typeof projectState>;

const metaPatch = z
  .object({
    title: title,
    author: z.string().max(300),
    contact: z.string().max(2000),
    language: z.string().min(2).max(35),
    levels: z.array(z.string().trim().min(1).max(60)).min(1).max(12),
    targetWords: z.number().int().min(0).max(100_000_000).nullable(),
    deadline: isoDate.nullable(),
    settings: z.object({ counter: z.enum(["auto", "words", "characters"]), theme: z.enum(["system", "light", "dark"]) }),
  })
  .partial();

export const projectsMethods = {
  "projects.list": method(
    z.object({}),
    z.object({ recent: z.array(projectSummary), defaultLocation: z.string() }),
  ),
  "projects.create": method(
    z.object({
      title,
      author: z.string().max(300).optional(),
      language: z.string().min(2).max(35).optional(),
      levels: z.array(z.string().trim().min(1).max(60)).min(1).max(12).optional(),
      targetWords: z.number().int().min(0).max(100_000_000).nullable().optional(),
    }),
    projectSummary,
  ),
  "projects.open": method(z.object({ handle: projectHandle }), projectState),
  /**
   * Words per unit, as counted on disk (markup is no word), for the binder and the status bar
   * before a unit is opened. Apart from projects.open, which it follows: counting a book's
   * Markdown takes a while, and the text comes first.
   */
  "projects.wordCounts": method(z.object({ handle: projectHandle }), z.object({ words: z.record(z.string(), z.number()) })),
  "projects.close": method(z.object({ handle: projectHandle }), z.object({})),
  "projects.updateMeta": method(z.object({ handle: projectHandle, patch: metaPatch }), projectMeta),
  "projects.resolveRecovery": method(
    z.object({ handle: projectHandle, unitId, client: entityId.optional(), action: z.enum(["restore", "discard"]) }),
    z.object({ version: z.number().int().nullable() }),
  ),
};

export const projectsEvents = {
  /** the project's metadata changed (targets, history after a save) */
  "project.metaChanged": event(z.object({ handle: projectHandle, meta: projectMeta })),
  /** a file could not be read or written */
  "project.problem": event(z.object({ handle: projectHandle, problem: fileProblem })),
};
