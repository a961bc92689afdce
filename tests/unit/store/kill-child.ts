/**
 * Child for kill-during-save.test.ts. Opens the project and saves one unit over and over with
 * bodies of different sizes, writing each phase of each save to stdout synchronously so the
 * parent knows where the child was when the SIGKILL landed:
 *   B n  save n begins      C n  temp file created (empty)    T n  temp file written and synced
 *   R n  renamed over the unit file                             D n  folder synced, save done
 * With PAUSE=C or PAUSE=T, the child stops for a long while at that phase of save PAUSE_AT,
 * so the parent's kill lands between creating the temp file and the rename.
 * argv: <projectDir> <unitId>
 */
import { writeSync } from "node:fs";
import { setAtomicWriteProbe, type AtomicWritePhase } from "../../../electron/node/store/atomic-write";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { bodyForVersion, versionOfBody } from "./kill-bodies";

const [dir, unitId] = process.argv.slice(2) as [string, string];
const pause = process.env.PAUSE as "C" | "T" | undefined;
const pauseAt = Number(process.env.PAUSE_AT ?? "1");
const LETTER: Record<AtomicWritePhase, string> = { "temp-created": "C", "temp-synced": "T", renamed: "R", "dir-synced": "D" };

let current = 0;
let saveCount = 0;
const say = (line: string) => writeSync(1, `${line}\n`);

const store = await ProjectStore.open(dir, { app: "test", watch: false, journalDelayMs: 60_000 });
setAtomicWriteProbe(async (phase, file) => {
  if (!file.endsWith(".md") || !file.includes("manuscript")) return;
  const letter = LETTER[phase];
  say(`${letter} ${current}`);
  if (pause === letter && saveCount === pauseAt) await new Promise((r) => setTimeout(r, 30_000));
});
let { body, version } = await store.readUnit(unitId);
current = versionOfBody(body);
say(`ready ${current}`);
for (;;) {
  current++;
  saveCount++;
  say(`B ${current}`);
  ({ version } = await store.saveUnitBody(unitId, bodyForVersion(current), version));
}
