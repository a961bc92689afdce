/**
 * Export profiles: everything a writer chooses once and re-exports with one click.
 *
 * Saved per project by the store in `export-profiles.json` at the project root (not quire.json:
 * profiles are settings of one output, change independently of the project metadata, and a bad
 * profile file must never stop a project from opening). See ./profile-file.ts.
 */
import { z } from "zod";

export const levelStyleSchema = z.object({
  /** print a heading for units at this level; without one, units are joined by the scene separator */
  heading: z.boolean(),
  /** Markdown heading depth (1-6); DOCX uses Heading 1-3 (deeper levels use Heading 3) */
  headingLevel: z.number().int().min(1).max(6),
  /** tokens: {title} {n} (1, 2…) {N} (I, II…) {word} (One, Two…) {level} (the level's name) */
  titlePattern: z.string().max(200),
});
export type LevelStyle = z.infer<typeof levelStyleSchema>;

export const exportProfileSchema = z.object({
  name: z.string().min(1).max(100),
  format: z.enum(["md", "docx"]),
  /** Markdown: one file, or a folder with one file per chapter */
  layout: z.enum(["single", "per-chapter"]),
  /** the unit level that is a "chapter": new page in DOCX, new file in per-chapter Markdown */
  chapterLevel: z.number().int().min(0).max(20),
  /** one entry per unit level from the top; deeper levels reuse the last entry */
  levels: z.array(levelStyleSchema).min(1).max(20),
  /** between consecutive units that print no heading (scenes) */
  sceneSeparator: z.string().min(1).max(40),
  include: z.object({
    synopses: z.boolean(),
    notes: z.boolean(),
    /** Markdown: YAML front matter (title, author, lang); DOCX: the title page */
    frontMatter: z.boolean(),
    /** DOCX only: a table of contents after the title page */
    toc: z.boolean(),
    /** units with status "todo" and no text are left out unless this is true */
    emptyUnits: z.boolean(),
  }),
  docx: z.object({
    preset: z.enum(["manuscript", "reading"]),
    pageSize: z.enum(["A4", "Letter"]),
    /** overrides the surname taken from the author for the manuscript header */
    surname: z.string().max(100).optional(),
  }),
});
export type ExportProfile = z.infer<typeof exportProfileSchema>;

export type ExportPreset = "manuscript" | "reading";

const CHAPTER_NAMES = /^(chapter|chapitre|kapitel|cap[ií]tulo|capitolo|hoofdstuk|rozdział|глава|章)$/i;

/** The level that holds chapters: the one named so, else the second of three or more, else the top. */
export function defaultChapterLevel(levelNames: readonly string[]): number {
  const named = levelNames.findIndex((n) => CHAPTER_NAMES.test(n.trim()));
  if (named >= 0) return named;
  return levelNames.length >= 3 ? 1 : 0;
}

/** A complete profile for a project's levels; `overrides` may change any part. */
export function defaultExportProfile(
  levelNames: readonly string[],
  format: "md" | "docx" = "md",
  preset: ExportPreset = "manuscript",
  overrides: Partial<ExportProfile> = {},
): ExportProfile {
  const chapterLevel = defaultChapterLevel(levelNames);
  const count = Math.max(1, levelNames.length);
  // one heading depth per level down to the chapters; levels below them (scenes) one deeper
  const levels: LevelStyle[] = Array.from({ length: count }, (_, i) => ({
    heading: i <= chapterLevel,
    headingLevel: Math.min(6, i <= chapterLevel ? i + 1 : chapterLevel + 2),
    titlePattern: "{title}",
  }));
  return exportProfileSchema.parse({
    name: `${format === "md" ? "Markdown" : "Word"} ${preset}`,
    format,
    layout: "single",
    chapterLevel,
    levels,
    sceneSeparator: format === "docx" && preset === "manuscript" ? "#" : "* * *",
    include: { synopses: false, notes: false, frontMatter: format === "docx", toc: false, emptyUnits: false },
    docx: { preset, pageSize: "Letter" },
    ...overrides,
  });
}

/** Validates a profile from outside (a file, the UI); the error names what is wrong. */
export function parseExportProfile(value: unknown, where = "export profile"): ExportProfile {
  const r = exportProfileSchema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`${where} is not valid: ${issues}`);
  }
  return r.data;
}
