/**
 * Reading and writing a whole project folder. Used by the store on open, and directly by
 * import, export and the CLI. A project with bad files still opens: each unusable file is
 * left untouched on disk and reported as a problem naming it; only an unreadable quire.json
 * stops the open, because without it Quire does not know what the project is.
 */
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { PROJECT_SCHEMA_VERSION, type BibleEntry, type ProjectData, type ProjectMeta, type Unit } from "../../shared/domain/project";
import { isTempFileName, writeFileAtomic } from "./atomic-write";
import { errorMessage, ProjectFileError, type FileProblem } from "./errors";
import { parseBibleText, parseUnitText, serializeBibleEntry, serializeUnit, decodeText } from "./file-codec";
import { sha256, slugify } from "./ids";
import { MAX_SETTINGS_FILE_BYTES, MAX_TEXT_FILE_BYTES } from "./limits";
import { BIBLE_DIR, BRIEF_FILE, MANUSCRIPT_DIR, PROJECT_DIRS, QUIRE_JSON, rel } from "./project-layout";
import { isPlainName, OutsideProjectError, ProjectPaths } from "./project-paths";
import { z } from "zod";
import { parseJsonFile, type JsonFormat } from "./json-file";
import { describeIssues, projectMetaSchema, unitFieldSchemas } from "./schemas";
import { arrangeTree } from "../../shared/domain/unit-tree";
import { boundedAll } from "../bounded-all";

export * from "./file-codec";
export { parseFrontMatter, serializeFrontMatter, FrontMatterError } from "../../shared/markdown/front-matter";
export type { FileProblem } from "./errors";

/** ProjectData plus what was wrong with individual files (the project opened regardless). */
export interface LoadedProjectData extends ProjectData {
  problems: FileProblem[];
}

/** A file as loaded: what the store needs to rewrite it without losing anything and to spot outside edits. */
export interface LoadedFile<T> {
  /** file name inside manuscript/ or bible/ */
  fileName: string;
  value: T;
  extra: Record<string, unknown>;
  /** sha256 of the bytes on disk */
  hash: string;
}

export function unitFileName(unit: { id: string; title: string }): string {
  return `${slugify(unit.title, "unit")}-${unit.id}.md`;
}

export function bibleFileName(entry: { id: string; name: string }): string {
  return `${slugify(entry.name, "entry")}-${entry.id}.md`;
}

export interface QuireJson {
  meta: ProjectMeta;
  /** keys Quire does not know, kept on rewrite */
  extra: Record<string, unknown>;
}

export async function readQuireJson(dir: string | ProjectPaths): Promise<QuireJson> {
  const file = join(typeof dir === "string" ? dir : dir.dir, QUIRE_JSON);
  let text: string;
  try {
    const paths = typeof dir === "string" ? await ProjectPaths.of(dir) : dir;
    text = decodeText(await paths.read(QUIRE_JSON, MAX_SETTINGS_FILE_BYTES));
  } catch (e) {
    if (e instanceof ProjectFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw new ProjectFileError(file, "not found; this folder is not a Quire project");
    throw new ProjectFileError(file, code ? `cannot be read (${code})` : errorMessage(e));
  }
  return parseQuireJson(text, file);
}

/**
 * quire.json's format. Migrations from older formats go in `migrations` (format n → n + 1) when
 * PROJECT_SCHEMA_VERSION moves on; keys Quire does not know pass through as `extra`.
 */
const quireJsonFormat: JsonFormat<{ meta: ProjectMeta; raw: Record<string, unknown> }> = {
  what: "a valid Quire project file",
  schema: z.record(z.string(), z.unknown()).transform((raw, ctx) => {
    const parsed = projectMetaSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { meta: parsed.data, raw };
  }),
  version: { key: "schemaVersion", current: PROJECT_SCHEMA_VERSION, migrations: {} },
};

export function parseQuireJson(text: string, file = QUIRE_JSON): QuireJson {
  const { meta, raw } = parseJsonFile(text, file, quireJsonFormat);
  const known = new Set(Object.keys(projectMetaSchema.shape));
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) if (!known.has(k)) extra[k] = v;
  return { meta, extra };
}

export function serializeQuireJson(meta: ProjectMeta, extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ ...extra, ...meta }, null, 2)}\n`;
}

/** The Markdown files of a folder; links and folders that lead outside the project are named as problems. */
async function listMarkdown(paths: ProjectPaths, sub: string, problems: FileProblem[]): Promise<string[]> {
  try {
    const entries = await readdir(await paths.resolve(sub), { withFileTypes: true });
    const md = entries.filter((e) => /\.md$/i.test(e.name) && !isTempFileName(e.name) && !e.name.startsWith("."));
    for (const e of md) {
      if (e.isSymbolicLink()) {
        const file = rel(sub, e.name);
        problems.push({ file, message: `${file} is a symbolic link; Quire opens only plain files in ${sub}/, so it was not opened and is left as it is` });
      }
    }
    return md
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort();
  } catch (e) {
    if (e instanceof OutsideProjectError) {
      problems.push({ file: `${sub}/`, message: `${e.message}; nothing in it was opened` });
      return [];
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") problems.push({ file: `${sub}/`, message: `${sub}/ cannot be read (${code ?? errorMessage(e)})` });
    return [];
  }
}

type Parser<T> = (text: string, fileName: string) => { value: T; extra: Record<string, unknown>; warnings: string[] };

async function scanFolder<T extends { id: string }>(paths: ProjectPaths, sub: string, parse: Parser<T>): Promise<{ files: LoadedFile<T>[]; problems: FileProblem[] }> {
  const problems: FileProblem[] = [];
  const files: LoadedFile<T>[] = [];
  const owners = new Map<string, string>();
  for (const fileName of await listMarkdown(paths, sub, problems)) {
    const file = rel(sub, fileName);
    const loaded = await loadFile(paths, sub, fileName, parse);
    if ("error" in loaded) {
      if (loaded.error !== null) problems.push({ file, message: `${file} ${loaded.error}; it was not opened and is left as it is` });
      continue;
    }
    for (const w of loaded.warnings) problems.push({ file, message: `${file} ${w}` });
    const id = loaded.file.value.id;
    const owner = owners.get(id);
    if (owner !== undefined) {
      problems.push({ file, message: `${file} has the same id (${id}) as ${sub}/${owner}; it was not opened and is left as it is` });
      continue;
    }
    owners.set(id, fileName);
    files.push(loaded.file);
  }
  return { files, problems };
}

/**
 * Reads and decodes one file of `sub` through the path guard; error null means it vanished,
 * which is not worth reporting during a scan. The error does not repeat the file's name.
 */
export async function loadFile<T>(
  paths: ProjectPaths,
  sub: string,
  fileName: string,
  parse: Parser<T>,
): Promise<{ file: LoadedFile<T>; warnings: string[] } | { error: string | null }> {
  if (!isPlainName(fileName)) return { error: "is not a file name inside the project; it was not opened" };
  let bytes: Buffer;
  try {
    bytes = await paths.read(rel(sub, fileName), MAX_TEXT_FILE_BYTES);
  } catch (e) {
    if (e instanceof ProjectFileError) return { error: e.detail };
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === "ENOENT" ? null : `cannot be read (${code ?? errorMessage(e)})` };
  }
  try {
    const text = decodeText(bytes);
    const { value, extra, warnings } = parse(text, fileName);
    return { file: { fileName, value, extra, hash: sha256(bytes) }, warnings };
  } catch (e) {
    return { error: errorMessage(e) };
  }
}

export function scanUnitFiles(paths: ProjectPaths) {
  return scanFolder<Unit>(paths, MANUSCRIPT_DIR, (t, f) => {
    const d = parseUnitText(t, f);
    return { value: d.value, extra: d.extra, warnings: d.warnings };
  });
}

export function scanBibleFiles(paths: ProjectPaths) {
  return scanFolder<BibleEntry>(paths, BIBLE_DIR, (t, f) => {
    const d = parseBibleText(t, f);
    return { value: d.value, extra: d.extra, warnings: d.warnings };
  });
}

/**
 * Puts units into document order and renumbers `order` among siblings, repairing orphans and
 * loops (reported against their files). Returns copies; nothing is written.
 */
export function arrangeUnits(files: LoadedFile<Unit>[]): { units: LoadedFile<Unit>[]; problems: FileProblem[] } {
  const byId = new Map(files.map((f) => [f.value.id, f]));
  const { ordered, repairs } = arrangeTree(files.map((f) => f.value));
  const problems = repairs.map(({ id, message }) => {
    const file = rel(MANUSCRIPT_DIR, byId.get(id)!.fileName);
    return { file, message: `${file}: ${message}` };
  });
  const nextOrder = new Map<string | null, number>();
  const units = ordered.map((unit) => {
    const order = nextOrder.get(unit.parentId) ?? 0;
    nextOrder.set(unit.parentId, order + 1);
    return { ...byId.get(unit.id)!, value: { ...unit, order } };
  });
  return { units, problems };
}

export async function readProjectData(dir: string): Promise<LoadedProjectData> {
  const { meta } = await readQuireJson(dir);
  const paths = await ProjectPaths.of(dir);
  const unitScan = await scanUnitFiles(paths);
  const arranged = arrangeUnits(unitScan.files);
  const bibleScan = await scanBibleFiles(paths);
  return {
    meta,
    units: arranged.units.map((f) => f.value),
    bible: bibleScan.files.map((f) => f.value).sort((a, b) => a.name.localeCompare(b.name)),
    problems: [...unitScan.problems, ...arranged.problems, ...bibleScan.problems],
  };
}

/**
 * Creates the folders of a project (all of them; harmless when they exist). A folder that is a
 * link leading outside is left alone and named in the problems returned; whatever needs it
 * refuses to work there.
 */
export async function ensureProjectDirs(paths: ProjectPaths): Promise<FileProblem[]> {
  const problems: FileProblem[] = [];
  for (const sub of PROJECT_DIRS) {
    try {
      await paths.folder(sub);
    } catch (e) {
      if (!(e instanceof OutsideProjectError)) throw e;
      if (!problems.some((p) => p.message.startsWith(e.file))) problems.push({ file: `${sub}/`, message: `${e.message}; nothing in it was opened` });
    }
  }
  return problems;
}

/** Writes a complete project into `dir`, which must not exist yet or be empty. */
export async function writeNewProject(dir: string, data: ProjectData): Promise<void> {
  const existing = await readdir(dir).catch(() => [] as string[]);
  if (existing.length > 0) throw new ProjectFileError(dir, "already exists and is not empty; a new project needs a new folder");
  const meta = projectMetaSchema.safeParse(data.meta);
  if (!meta.success) throw new ProjectFileError(join(dir, QUIRE_JSON), `would not be valid: ${describeIssues(meta.error)}`);
  const seen = new Set<string>();
  for (const item of [...data.units, ...data.bible]) {
    if (!unitFieldSchemas.id.safeParse(item.id).success) throw new ProjectFileError(dir, `cannot hold a unit or entry with the id ${JSON.stringify(item.id)} (ids are letters, digits, - and _)`);
    if (seen.has(item.id)) throw new ProjectFileError(dir, `cannot hold two units or entries with the id ${item.id}`);
    seen.add(item.id);
  }
  await mkdir(dir, { recursive: true });
  await ensureProjectDirs(await ProjectPaths.of(dir));
  // a few files at a time: a 20,000-unit import opening them all at once runs out of descriptors
  const writes: [string, () => string][] = [
    ...data.units.map((u): [string, () => string] => [join(dir, MANUSCRIPT_DIR, unitFileName(u)), () => serializeUnit(u)]),
    ...data.bible.map((b): [string, () => string] => [join(dir, BIBLE_DIR, bibleFileName(b)), () => serializeBibleEntry(b)]),
    [join(dir, BRIEF_FILE), () => ""],
  ];
  await boundedAll(writes, 16, ([file, text]) => writeFileAtomic(file, text()));
  // quire.json last: a folder without it is not yet a project, so a crash mid-way is visible as such.
  await writeFileAtomic(join(dir, QUIRE_JSON), serializeQuireJson(meta.data));
}
