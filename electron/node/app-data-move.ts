/**
 * The desktop app used to keep Quire's files in Electron's userData folder; it now uses
 * appDataDir() like browser mode, so both see one model library and one recent list. On start
 * the desktop app moves Quire's own files from the old folder to the new one: the models folder
 * (downloads, partial downloads, the model index), recent-projects.json and window-state.json.
 * Chromium's files (caches, cookies, local storage) stay where Electron keeps them.
 *
 * Copy, then delete: each file is copied to a temporary name in the new folder, renamed into
 * place, and only then removed from the old folder; lists (the model index, the recent
 * projects) are merged with what the new folder already holds. Every step can be done again,
 * so a move cut off by a crash or a kill simply finishes on the next start.
 */
import { copyFile, mkdir, readdir, readFile, realpath, rename, rm, stat } from "node:fs/promises";
import { platform } from "node:os";
import { basename, join, resolve, sep } from "node:path";
import { modelIndexFormat as indexFormat, type LibraryEntry } from "./models/model-library";
import { mergeIntoRecentProjectsFile, readRecentProjectsFile, RECENT_PROJECTS_FILE } from "./backend/project-registry";
import { fsyncDir, writeFileAtomic } from "./store/atomic-write";
import { withFileLock } from "./store/file-lock";
import { parseJsonFile } from "./store/json-file";

export const MOVED_ITEMS = ["models", RECENT_PROJECTS_FILE, "window-state.json"] as const;
const MODEL_INDEX = "library.json";
const TEMP_SUFFIX = ".moving.tmp";

export interface MoveReport {
  /** what was moved, relative to the folders */
  moved: string[];
  /** what could not be, each with why (left in the old folder; the next start tries again) */
  problems: string[];
}

export interface MoveOptions {
  /** test hook: called after each change on disk, with what was done (throwing there is a crash) */
  afterStep?: (step: string) => void | Promise<void>;
}

export async function moveAppData(from: string, to: string, options: MoveOptions = {}): Promise<MoveReport> {
  const report: MoveReport = { moved: [], problems: [] };
  if (!(await isDir(from))) return report;
  await mkdir(to, { recursive: true });
  if (await sameFolder(from, to)) return report;
  const step = async (what: string) => options.afterStep?.(what);

  await moveModels(join(from, "models"), join(to, "models"), report, step);
  await moveRecentProjects(join(from, RECENT_PROJECTS_FILE), join(to, RECENT_PROJECTS_FILE), report, step);
  await moveFile(join(from, "window-state.json"), join(to, "window-state.json"), "window-state.json", report, step);
  return report;
}

async function moveModels(from: string, to: string, report: MoveReport, step: (what: string) => Promise<void>): Promise<void> {
  if (!(await isDir(from))) return;
  await mkdir(to, { recursive: true });
  // a copy cut off last time is started again
  for (const name of await readdir(to)) if (name.endsWith(TEMP_SUFFIX)) await rm(join(to, name), { force: true });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const name = entry.name;
    if (name === MODEL_INDEX || name.endsWith(".lock") || name.endsWith(TEMP_SUFFIX)) continue;
    if (!entry.isFile()) {
      report.problems.push(`models/${name} is not a file; it was left in ${from}`);
      continue;
    }
    // a partial download another process is still writing stays until it is done
    if (name.endsWith(".part") && (await exists(join(from, `${name}.lock`)))) {
      report.problems.push(`models/${name} is being downloaded; it moves on a later start`);
      continue;
    }
    await moveFile(join(from, name), join(to, name), `models/${name}`, report, step);
  }
  await moveModelIndex(from, to, report, step);
  if ((await readdir(from).catch(() => ["?"])).length === 0) await rm(from, { recursive: true, force: true });
}

/** The index lists downloaded models by path: paths in the old folder now point into the new one. */
async function moveModelIndex(from: string, to: string, report: MoveReport, step: (what: string) => Promise<void>): Promise<void> {
  const oldIndex = join(from, MODEL_INDEX);
  const text = await readFile(oldIndex, "utf8").catch(() => null);
  if (text === null) return;
  let old: LibraryEntry[];
  try {
    old = parseJsonFile(text, oldIndex, indexFormat).models;
  } catch (e) {
    report.problems.push(`${e instanceof Error ? e.message : String(e)}; it was left where it is`);
    return;
  }
  const oldRoot = resolve(from) + sep;
  const moved = old.map((m) => (resolve(m.path).startsWith(oldRoot) ? { ...m, path: join(to, basename(m.path)) } : m));
  const newIndex = join(to, MODEL_INDEX);
  // under the model library's own lock: browser mode may be adding a model right now
  await withFileLock(`${newIndex}.lock`, "updating the model list", async () => {
    const current = await readFile(newIndex, "utf8").then(
      (t) => parseJsonFile(t, newIndex, indexFormat).models,
      () => [] as LibraryEntry[],
    );
    const ids = new Set(current.map((m) => m.id));
    await writeFileAtomic(newIndex, JSON.stringify({ version: 1, models: [...current, ...moved.filter((m) => !ids.has(m.id))] }, null, 2));
  });
  await step(`merged models/${MODEL_INDEX}`);
  await rm(oldIndex, { force: true });
  await step(`removed old models/${MODEL_INDEX}`);
  report.moved.push(`models/${MODEL_INDEX}`);
}

async function moveRecentProjects(from: string, to: string, report: MoveReport, step: (what: string) => Promise<void>): Promise<void> {
  if (!(await exists(from))) return;
  await mergeIntoRecentProjectsFile(to, await readRecentProjectsFile(from));
  await step(`merged ${RECENT_PROJECTS_FILE}`);
  await rm(from, { force: true });
  await step(`removed old ${RECENT_PROJECTS_FILE}`);
  report.moved.push(RECENT_PROJECTS_FILE);
}

/** Copy (to a temporary name, then renamed into place), then delete. A file the new folder already has is kept; the old one goes. */
async function moveFile(from: string, to: string, label: string, report: MoveReport, step: (what: string) => Promise<void>): Promise<void> {
  if (!(await exists(from))) return;
  try {
    if (!(await exists(to))) {
      const temp = `${to}${TEMP_SUFFIX}`;
      await copyFile(from, temp);
      await step(`copied ${label}`);
      await rename(temp, to);
      await fsyncDir(resolve(to, ".."));
      await step(`renamed ${label}`);
    }
    await rm(from, { force: true });
    await step(`removed old ${label}`);
    report.moved.push(label);
  } catch (e) {
    if (e instanceof CrashForTest) throw e;
    report.problems.push(`${label} could not be moved (${(e as NodeJS.ErrnoException).code ?? String(e)}); it was left in the old folder`);
  }
}

/** Thrown by a test's afterStep to stop the move where a crash would. */
export class CrashForTest extends Error {}


/** The same folder under two names (a case-insensitive disk, a link) must not be moved onto itself: that would delete it. */
async function sameFolder(a: string, b: string): Promise<boolean> {
  const [ra, rb] = await Promise.all([realpath(a), realpath(b)]);
  if (ra === rb) return true;
  if ((platform() === "darwin" || platform() === "win32") && ra.toLowerCase() === rb.toLowerCase()) return true;
  const [sa, sb] = await Promise.all([stat(ra), stat(rb)]);
  return sa.ino !== 0 && sa.dev === sb.dev && sa.ino === sb.ino;
}

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

async function isDir(p: string): Promise<boolean> {
  return stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
}
