/**
 * Import: preview first (nothing written), then a ProjectData the store writes as a new project.
 *
 *   const preview = await previewImport("draft.docx", { splitLevel: 2 });
 *   const project = importToProjectData(preview);            // in memory
 *   await writeNewProject(dir, project);                     // electron/node/store
 */
import { extname } from "node:path";
import type { ProjectData, Unit } from "../../shared/domain/project";
import { newProjectMeta } from "../store/project-meta";
import { newId } from "../store/ids";
import { previewDocxFile } from "./docx-import";
import { ImportError, type ImportOptions, type ImportPreview } from "./import-types";
import { isDirectory, previewMarkdownFile, previewMarkdownFolder } from "./markdown-import";
import { previewTextFile } from "./text-import";

export { ImportError, type ImportOptions, type ImportPreview, type PreviewUnit } from "./import-types";
export { previewMarkdownText } from "./markdown-import";
export { previewDocxBytes } from "./docx-import";

/** Reads a .md/.markdown, .docx, .txt file or a folder of .md files and says what units it would create. */
export async function previewImport(path: string, options: ImportOptions = {}): Promise<ImportPreview> {
  if (await isDirectory(path)) return previewMarkdownFolder(path, options);
  const ext = extname(path).toLowerCase();
  if (ext === ".md" || ext === ".markdown") return previewMarkdownFile(path, options);
  if (ext === ".docx") return previewDocxFile(path, options);
  if (ext === ".txt" || ext === ".text") return previewTextFile(path, options);
  throw new ImportError(path, `is not a file Quire imports (use .md, .docx, .txt or a folder of .md files)`);
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
