/**
 * Import: preview first (nothing written), then a ProjectData the store writes as a new project.
 *
 *   const preview = await previewImport("draft.docx", { splitLevel: 2 });
 *   const project = importToProjectData(preview);            // in memory
 *   await writeNewProject(dir, project);                     // electron/node/store
 */
import type { ProjectData, Unit } from "../../shared/domain/project";
import { newProjectMeta } from "../store/project-meta";
import { newId } from "../store/ids";
import { HeavyWorkError, runHeavy, type HeavyWorkLimits } from "../worker/run-heavy";
import { ImportError, type ImportOptions, type ImportPreview } from "./import-types";

export { ImportError, type ImportOptions, type ImportPreview, type PreviewUnit } from "./import-types";
export { previewMarkdownText } from "./markdown-import";
export { previewDocxBytes } from "./docx-import";

/** An import's parse may take this long, in a worker that may hold this much; the studio goes on meanwhile. */
export const IMPORT_WORK_LIMITS: HeavyWorkLimits = {
  deadlineMs: 5 * 60_000,
  resourceLimits: { maxOldGenerationSizeMb: 3072, maxYoungGenerationSizeMb: 64 },
};

/**
 * Reads a .md/.markdown, .docx, .txt file or a folder of .md files and says what units it would
 * create. The reading runs in a worker thread (a large or hostile file can take seconds or
 * gigabytes); `limits` is for tests.
 */
export async function previewImport(path: string, options: ImportOptions = {}, limits: Partial<HeavyWorkLimits> = {}): Promise<ImportPreview> {
  const work = { ...IMPORT_WORK_LIMITS, ...limits };
  try {
    return await runHeavy("import.preview", { path, options }, work);
  } catch (error) {
    if (!(error instanceof HeavyWorkError)) throw error;
    const remote = error.remote;
    if (remote?.name === "ImportError" && typeof remote.file === "string" && typeof remote.reason === "string") throw new ImportError(remote.file, remote.reason);
    if (error.kind === "out-of-memory") throw new ImportError(path, "ran out of memory while it was read (only the reading stopped); split it into smaller files and import them one by one");
    if (error.kind === "deadline") {
      const took = work.deadlineMs >= 60_000 ? `${Math.round(work.deadlineMs / 60_000)} minutes` : `${Math.round(work.deadlineMs / 1000)} seconds`;
      throw new ImportError(path, `took longer than ${took} to read and was stopped; it may be malformed (thousands of unclosed * or _ in one paragraph, for one), or split it into smaller files`);
    }
    if (error.kind === "crashed") throw new ImportError(path, `could not be read: the reader stopped (${error.message})`);
    throw new Error(error.message);
  }
}

/** The project a preview describes; ids are fresh. Pure: writes nothing. */
export function importToProjectData(preview: ImportPreview, now = new Date()): ProjectData {
  const units: Unit[] = [];
  const parents: string[] = []; // parents[level] = id of the latest unit at that level
  const orders = new Map<string | null, number>();
  for (const p of preview.units) {
    const level = Math.min(p.level, parents.length);
    const parentId = level > 0 ? (parents[level - 1] ?? null) : null;
    const id = newId("u");
    parents[level] = id;
    parents.length = level + 1;
    const order = orders.get(parentId) ?? 0;
    orders.set(parentId, order + 1);
    units.push({
      id,
      parentId,
      level,
      order,
      title: p.title,
      synopsis: p.synopsis,
      targetWords: null,
      status: "draft",
      notes: p.notes,
      body: p.body,
    });
  }
  return {
    meta: newProjectMeta(
      {
        title: preview.title,
        author: preview.author,
        language: preview.language || "en",
        levels: preview.levels.length ? preview.levels : ["Chapter"],
      },
      now,
    ),
    units,
    bible: [],
  };
}
