/**
 * Export: ProjectData → Markdown or DOCX, in memory (exportMarkdown, exportDocx) or written to
 * where the writer chose (exportProject).
 */
import type { ProjectData } from "../../shared/domain/project";
import { exportDocx } from "./docx-export";
import type { ExportProfile } from "../../shared/export/export-profile";
import { exportMarkdown } from "./markdown-export";
import { writeExportFile, writeExportFolder, type WriteOptions } from "./write-export";

export { exportDocx, manuscriptWords } from "./docx-export";
export { exportMarkdown, type ExportedFile } from "./markdown-export";
export { buildManuscript, roundedWordCount, type Manuscript, type ManuscriptSection } from "./manuscript";
export { defaultExportProfile, defaultChapterLevel, exportProfileSchema, parseExportProfile, type ExportProfile, type ExportPreset, type LevelStyle } from "../../shared/export/export-profile";
export { readExportProfiles, saveExportProfile, deleteExportProfile, EXPORT_PROFILES_FILE } from "./profile-file";
export { ExportError, writeExportFile, writeExportFolder, type WriteOptions } from "./write-export";

/**
 * Exports and writes. `target` is the file (single Markdown file, DOCX) or the folder (per-chapter
 * Markdown). Returns the paths written. Throws ExportError, naming the path, when the target exists
 * (without overwrite) or cannot be written; nothing is written then.
 */
export async function exportProject(project: ProjectData, profile: ExportProfile, target: string, options: WriteOptions = {}): Promise<string[]> {
  if (profile.format === "docx") return [await writeExportFile(target, await exportDocx(project, profile), options)];
  const files = exportMarkdown(project, profile);
  if (profile.layout === "per-chapter") return writeExportFolder(target, files, options);
  return [await writeExportFile(target, files[0]!.content, options)];
}
