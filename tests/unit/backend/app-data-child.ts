/**
 * Child process for the shared app data tests: another Quire process on the same folder.
 *   move <from> <to> <step>          move the app data, and hang after <step> (the parent kills it there)
 *   touch <dataDir> <prefix> <n>     open n projects (put them on the recent list)
 *   download <destDir> <url> <name>  start a model download; print how it ended as JSON
 */
import { join } from "node:path";
import { moveAppData } from "../../../electron/node/app-data-move";
import { ProjectRegistry } from "../../../electron/node/backend/project-registry";
import { DownloadError, ModelDownload } from "../../../electron/node/models/model-download";

const [mode, a, b, c] = process.argv.slice(2);
if (mode === "move" && a && b && c) {
  await moveAppData(a, b, {
    afterStep: async (step) => {
      if (step !== c) return;
      process.stdout.write("STOPPED\n");
      await new Promise(() => undefined);
    },
  });
  process.stdout.write("DONE\n");
} else if (mode === "touch" && a && b && c) {
  const registry = new ProjectRegistry(a);
  await registry.load();
  for (let i = 0; i < Number(c); i++) await registry.touch(join(a, `${b}-${i}.quire`), `${b} ${i}`);
} else if (mode === "download" && a && b && c) {
  const download = new ModelDownload({ url: b, destDir: a, fileName: c, freeSpace: async () => 1e12 });
  const result = await download.start().then(
    () => ({ ok: true }),
    (e: unknown) => ({ ok: false, code: e instanceof DownloadError ? e.code : "other", message: e instanceof Error ? e.message : String(e) }),
  );
  process.stdout.write(`${JSON.stringify(result)}\n`);
} else {
  console.error(`usage: app-data-child.ts move|touch|download …; got ${process.argv.slice(2).join(" ")}`);
  process.exit(2);
}
