import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { QuireError } from "../../../shared/contract/errors";
import { defaultExportProfile, type ExportProfile } from "../../../shared/export/export-profile";
import { ExportError, exportProject, readExportProfiles, saveExportProfile } from "../../export/index";
import { ImportError, importToProjectData, previewImport, type ImportPreview } from "../../import/index";
import { readProjectData } from "../../store/project-files";
import { writeImportedProject } from "../../import/write-imported-project";
import { safeFileTitle } from "../../store/ids";
import type { Handlers } from "../dispatcher";
import type { OpenProjects } from "../open-projects";
import type { ProjectRegistry } from "../project-registry";
import { storeCall } from "../store-errors";

type ExchangeHandlers = Pick<
  Handlers,
  "export.profiles" | "export.saveProfile" | "export.run" | "export.download" | "import.preview" | "import.create"
>;

const EXPORTS_DIR = "exports";
/** The largest export a download returns (a DOCX of a long book with images stays far below). */
const MAX_DOWNLOAD_BYTES = 256 * 1024 * 1024;
const MIME: Record<string, string> = {
  ".md": "text/markdown; charset=utf-8",
  ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
};

/** Export and import, behind the contract. Exports land in the project's exports/ folder. */
export function exchangeHandlers(deps: { open: OpenProjects; registry: ProjectRegistry; projectsDir: string }): ExchangeHandlers {
  const { open, registry, projectsDir } = deps;

  const withUpload = async <T>(fileName: string, base64: string, use: (path: string) => Promise<T>): Promise<T> => {
    const dir = await mkdtemp(join(tmpdir(), "quire-import-"));
    try {
      const path = join(dir, fileName);
      await writeFile(path, Buffer.from(base64, "base64"));
      return await use(path);
    } catch (error) {
      if (error instanceof ImportError) throw new QuireError("corrupt", error.message.replace(dir, "").replace(/^\//, ""), { file: fileName });
      throw error;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };

  const preview = (fileName: string, base64: string, splitLevel: number) =>
    withUpload(fileName, base64, (path) => previewImport(path, { splitLevel }));

  return {
    "export.profiles": async ({ handle }) => {
      const store = open.get(handle);
      const levels = store.meta().levels;
      return {
        saved: await storeCall(() => readExportProfiles(store.dir)),
        defaults: [
          defaultExportProfile(levels, "docx", "manuscript"),
          defaultExportProfile(levels, "docx", "reading"),
          defaultExportProfile(levels, "md", "manuscript"),
        ],
      };
    },

    "export.saveProfile": async ({ handle, profile }) => {
      await storeCall(() => saveExportProfile(open.get(handle).dir, profile));
      return {};
    },

    "export.run": async ({ handle, profile, overwrite }) => {
      const store = open.get(handle);
      await store.flushJournal();
      const data = await storeCall(() => readProjectData(store.dir));
      // exports/ (and a per-chapter folder in it) through the path guard: a link leading outside is refused, not written through
      const folder = await storeCall(() => store.paths.folder(EXPORTS_DIR));
      const target = targetFor(folder, data.meta.title, profile);
      await storeCall(() => store.paths.resolve(`${EXPORTS_DIR}/${basename(target)}`));
      let written: string[];
      try {
        written = await exportProject(data, profile, target, { overwrite });
      } catch (error) {
        if (error instanceof ExportError && /exist/i.test(error.message)) {
          throw new QuireError("conflict", error.message, { file: target });
        }
        if (error instanceof ExportError) throw new QuireError("io", error.message, { file: target });
        throw error;
      }
      const files = await Promise.all(
        written.map(async (file) => ({ name: file.slice(folder.length + 1), bytes: (await stat(file)).size })),
      );
      return { folder, files };
    },

    "export.download": async ({ handle, name }) => {
      const store = open.get(handle);
      // read through the path guard: exports/ or the file being a link leading outside is refused
      const data = await storeCall(() =>
        store.paths.read(`${EXPORTS_DIR}/${name}`, MAX_DOWNLOAD_BYTES).catch((e: NodeJS.ErrnoException) => {
          if (e.code === "ENOENT" || e.code === "EISDIR" || e.code === "ENOTDIR") throw new QuireError("not-found", `No exported file named ${name}.`);
          throw e;
        }),
      );
      return { name, mime: MIME[extname(name)] ?? "application/octet-stream", base64: data.toString("base64") };
    },

    "import.preview": async ({ fileName, base64, splitLevel }) => {
      const p = await preview(fileName, base64, splitLevel);
      return {
        title: p.title,
        author: p.author,
        format: p.format,
        levels: p.levels,
        units: p.units.map((u) => ({ title: u.title, level: u.level, words: u.words })),
        notes: p.notes,
      };
    },

    "import.create": async ({ fileName, base64, splitLevel, title }) => {
      const p: ImportPreview = await preview(fileName, base64, splitLevel);
      const data = importToProjectData(title ? { ...p, title } : p);
      const dir = await uniqueProjectDir(projectsDir, data.meta.title);
      await storeCall(() => writeImportedProject(dir, data));
      const handle = registry.register(dir);
      await registry.touch(dir, data.meta.title);
      return { handle, title: data.meta.title, location: dir, openedAt: new Date().toISOString() };
    },
  };
}

function targetFor(folder: string, title: string, profile: ExportProfile): string {
  const base = safeFileTitle(title, "Manuscript");
  if (profile.format === "md" && profile.layout === "per-chapter") return join(folder, base);
  const suffix = profile.format === "docx" ? `${profile.docx.preset === "reading" ? " (reading)" : ""}.docx` : ".md";
  return join(folder, `${base}${suffix}`);
}

async function uniqueProjectDir(parent: string, title: string): Promise<string> {
  await mkdir(parent, { recursive: true });
  const base = safeFileTitle(title, "Imported");
  for (let i = 1; ; i++) {
    const dir = join(parent, `${base}${i === 1 ? "" : ` ${i}`}.quire`);
    try {
      await stat(dir);
    } catch {
      return dir;
    }
  }
}
