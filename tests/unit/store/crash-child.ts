/**
 * Child process for crash tests: opens a project, does what argv says, then dies with SIGKILL
 * (no exit handlers, no flush), as a killed server or a power cut would.
 *   journal <dir> <unitId> <text>   stage an unsaved edit, let the journal write it, die
 */
import { Journal } from "../../../electron/node/store/journal";
import { ProjectPaths } from "../../../electron/node/store/project-paths";
import { ProjectStore } from "../../../electron/node/store/project-store";

const [mode, dir, unitId, text] = process.argv.slice(2);
if (mode === "journal" && dir && unitId && text !== undefined) {
  const store = await ProjectStore.open(dir, { app: "test", watch: false, journalDelayMs: 20 });
  const { version } = await store.readUnit(unitId);
  store.stageUnsavedEdit(unitId, text, version);
  // the debounced journal write lands (waited for, not timed: a loaded machine can be slow), the save never happens
  const journal = new Journal(await ProjectPaths.of(dir));
  while ((await journal.read(unitId, null))?.body !== text) await new Promise((r) => setTimeout(r, 10));
  process.kill(process.pid, "SIGKILL");
} else {
  console.error(`usage: crash-child.ts journal <dir> <unitId> <text>; got ${process.argv.slice(2).join(" ")}`);
  process.exit(2);
}
