/** Reads an import source by its kind; runs in a worker thread (see previewImport in index.ts). */
import { extname } from "node:path";
import { previewDocxFile } from "./docx-import";
import { ImportError, type ImportOptions, type ImportPreview } from "./import-types";
import { isDirectory, previewMarkdownFile, previewMarkdownFolder } from "./markdown-import";
import { previewTextFile } from "./text-import";

/** Reads a .md/.markdown, .docx, .txt file or a folder of .md files and says what units it would create. */
export async function readImportSource(path: string, options: ImportOptions = {}): Promise<ImportPreview> {
  if (await isDirectory(path)) return previewMarkdownFolder(path, options);
  const ext = extname(path).toLowerCase();
  if (ext === ".md" || ext === ".markdown") return previewMarkdownFile(path, options);
  if (ext === ".docx") return previewDocxFile(path, options);
  if (ext === ".txt" || ext === ".text") return previewTextFile(path, options);
  throw new ImportError(path, `is not a file Quire imports (use .md, .docx, .txt or a folder of .md files)`);
}
