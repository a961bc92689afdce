/**
 * Fault test: kill -9 a process in the middle of saving a unit, 200 times, and check that the
 * unit file is always exactly the old or the new version, never torn or empty. The child
 * reports each phase of each save (see kill-child.ts); in most rounds it is told to stall
 * between creating the temp file and the rename, and the kill lands there; in the others the
 * kill lands at a random moment. At least 100 kills must land between temp file and rename.
 */
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { isTempFileName } from "../../../electron/node/store/atomic-write";
import { parseUnitText, readProjectData } from "../../../electron/node/store/project-files";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { bodyForVersion, versionOfBody } from "./kill-bodies";
import { useTmpDirs } from "./tmp-dir";

const ROUNDS = 200;
const WORKERS = 4; // projects killed in parallel: process start-up dominates, and overlapping it keeps the test short
const tmp = useTmpDirs();
const childTs = fileURLToPath(new URL("./kill-child.ts", import.meta.url));
let childCommand: string[] = [];

beforeAll(async () => {
  // Bundling the child once makes each start ~0.1 s instead of ~0.4 s through tsx; fall back to tsx if esbuild is missing.
  try {
    const { build } = await import("esbuild");
    const out = join(await tmp(), "kill-child.mjs");
    await build({
      entryPoints: [childTs],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile: out,
      banner: { js: "import { createRequire as __quireCreateRequire } from 'node:module'; const require = __quireCreateRequire(import.meta.url);" },
      minify: true, // less to parse at each of the 200 starts
      logLevel: "error",
    });
    childCommand = [out];
  } catch {
    childCommand = ["--import", "tsx", childTs];
  }
}, 60_000);

interface Round {
  /** the phase the child last reported, e.g. "T 5" */
  lastLine: string;
  fileVersion: number;
  allowed: number[];
  betweenTempAndRename: boolean;
}

async function killOnce(dir: string, unitId: string, paused: boolean): Promise<Round> {
  const pauseLetter = Math.random() < 0.5 ? "C" : "T";
  const pauseAt = 1 + Math.floor(Math.random() * 3);
  const env = paused ? { ...process.env, PAUSE: pauseLetter, PAUSE_AT: String(pauseAt) } : { ...process.env };
  const child = spawn(process.execPath, [...childCommand, dir, unitId], { env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  let stderr = "";
  let buffered = "";
  let seenPausePhase = 0;
  const kill = () => child.kill("SIGKILL");
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  child.stdout.on("data", (d: Buffer) => {
    buffered += d.toString();
    const parts = buffered.split("\n");
    buffered = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      if (line.startsWith("ready") && !paused) setTimeout(kill, Math.random() * 60);
      if (paused && line.startsWith(`${pauseLetter} `) && ++seenPausePhase === pauseAt) kill();
    }
  });
  const safety = setTimeout(kill, 20_000);
  const { signal } = await new Promise<{ signal: string | null }>((resolve) => child.on("close", (_code, signal) => resolve({ signal })));
  clearTimeout(safety);
  if (signal !== "SIGKILL") throw new Error(`child ended without being killed: ${stderr}`);

  const lastLine = lines.at(-1) ?? "";
  const [phase = "", num = "0"] = lastLine.split(" ");
  const n = Number(num);
  // Which versions may the file hold? Saves run n-1 → n; the report of a phase comes just after it happens.
  let allowed: number[];
  if (phase === "ready") allowed = [n];
  else if (phase === "R" || phase === "D") allowed = [n];
  else if (paused && lines.length > 0 && (phase === "C" || phase === "T")) allowed = [n - 1]; // stalled before the rename
  else allowed = [n - 1, n];

  const names = await readdir(join(dir, "manuscript"));
  const between = phase === "C" || phase === "T";
  // Instrumentation check: a kill reported between temp file and rename really left a temp file behind.
  if (between && paused && !names.some(isTempFileName)) throw new Error(`no temp file after a kill at "${lastLine}"`);
  const text = await readFile(join(dir, "manuscript", names.find((f) => f.endsWith(".md") && !isTempFileName(f))!), "utf8");
  const unit = parseUnitText(text, "unit.md").value;
  const fileVersion = versionOfBody(unit.body);
  // Exactly one whole version: same bytes as that version's body, not a prefix, not a mix, not empty.
  if (unit.body !== bodyForVersion(fileVersion)) throw new Error(`torn file after kill at "${lastLine}": ${unit.body.length} chars, starts ${JSON.stringify(unit.body.slice(0, 30))}`);
  return { lastLine, fileVersion, allowed, betweenTempAndRename: between };
}

async function worker(rounds: number): Promise<Round[]> {
  const store = await ProjectStore.create(await tmp(), { title: "Kill Test" }, { watch: false, app: "test" });
  const u = await store.createUnit({ parentId: null, level: 0, title: "Scene" });
  await store.saveUnitBody(u.id, bodyForVersion(0), (await store.readUnit(u.id)).version);
  const dir = store.dir;
  await store.close();
  const results: Round[] = [];
  // Three rounds in five stall between temp file and rename; the last one does too, so a temp file is left at the end.
  for (let i = 0; i < rounds; i++) results.push(await killOnce(dir, u.id, i % 5 < 3 || i === rounds - 1));

  // Each child's open cleared the previous child's temp file; the last one's is still there.
  expect((await readdir(join(dir, "manuscript"))).filter(isTempFileName)).toHaveLength(1);
  const data = await readProjectData(dir);
  expect(data.problems).toEqual([]);
  expect(data.units).toHaveLength(1);
  const reopened = await ProjectStore.open(dir, { watch: false, app: "test" });
  expect((await readdir(join(dir, "manuscript"))).filter(isTempFileName)).toEqual([]);
  expect((await reopened.readUnit(u.id)).body).toBe(bodyForVersion(results.at(-1)!.fileVersion));
  await reopened.close();
  return results;
}

describe("kill -9 during save", () => {
  it(`leaves every unit file whole, old or new, across ${ROUNDS} kills`, async () => {
    const per = Math.ceil(ROUNDS / WORKERS);
    const results = (await Promise.all(Array.from({ length: WORKERS }, () => worker(per)))).flat();
    expect(results).toHaveLength(ROUNDS);
    for (const r of results) expect(r.allowed, `after kill at "${r.lastLine}"`).toContain(r.fileVersion);
    const between = results.filter((r) => r.betweenTempAndRename).length;
    expect(between).toBeGreaterThanOrEqual(100);
    // the kills also caught saves that had completed, so "new" is seen as well as "old"
    expect(results.some((r) => r.fileVersion > 0)).toBe(true);
  }, 120_000);
});
