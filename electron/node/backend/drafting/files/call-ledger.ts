/**
 * The model's calls, kept so the writer can read what went in and what came out: one JSON line
 * per call, in runs/<runId>/calls.jsonl for a run's calls (drafting, judging, revising, reading
 * facts) and runs/studio-calls.jsonl for the others (planning, assists). Capped: at most
 * MAX_CALLS calls and MAX_BYTES per file, each text at most MAX_TEXT characters; past a cap the
 * oldest calls go first. A line that does not read (a crash mid-write) is skipped, not fatal.
 */
import { appendFile, open, readFile, rename, stat, writeFile, type FileHandle } from "node:fs/promises";
import { withLock } from "lifecycle-utils";
import { z } from "zod";
import type { ProjectPaths } from "../../../store/project-paths";

export const MAX_CALLS = 400;
export const MAX_BYTES = 16 * 1024 * 1024;
export const MAX_TEXT = 60_000;

const text = z.string().max(MAX_TEXT + 100);
export const callRecord = z.object({
  id: z.string().max(80),
  at: z.string().max(40),
  kind: z.string().max(40),
  /** the binder unit the call was about, and the plan unit in a run */
  unitId: z.string().max(64).nullable(),
  planId: z.string().max(200).nullable(),
  heading: z.string().max(300).nullable(),
  sections: z.array(z.object({ name: z.string().max(100), text })).max(50),
  messages: z.array(z.object({ role: z.enum(["system", "user", "assistant"]), content: text })).max(50),
  /** text the model continued from, when it continued */
  continueFrom: text.nullable(),
  output: text,
  stopReason: z.string().max(20),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  millis: z.number(),
  /** texts cut to MAX_TEXT */
  clipped: z.boolean(),
});
export type CallRecord = z.infer<typeof callRecord>;

/** Where a ledger lives, relative to the project (every path through its guard). */
export const runCallsFile = (runFolder: string) => `${runFolder}/calls.jsonl`;
export const STUDIO_CALLS_FILE = "runs/studio-calls.jsonl";

/** A text cut to MAX_TEXT, keeping its start and its end (the end of a prompt is the ask). */
export function clip(s: string): { text: string; clipped: boolean } {
  if (s.length <= MAX_TEXT) return { text: s, clipped: false };
  const half = Math.floor(MAX_TEXT / 2) - 20;
  return { text: `${s.slice(0, half)}\n\n[… ${(s.length - 2 * half).toLocaleString("en-US")} characters left out …]\n\n${s.slice(-half)}`, clipped: true };
}

export async function readCalls(paths: ProjectPaths, rel: string): Promise<CallRecord[]> {
  let raw: string;
  try {
    // a little over the cap: the file may hold one call past it until it is pruned
    raw = (await paths.read(rel, MAX_BYTES + 2 * MAX_TEXT * 4)).toString("utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const out: CallRecord[] = [];
  for (const line of raw.split("\n")) {
    if (!line.trim()) continue;
    try {
      const parsed = callRecord.safeParse(JSON.parse(line));
      if (parsed.success) out.push(parsed.data);
    } catch {
      // a half-written last line
    }
  }
  return out;
}

/** Appends a call; past a cap the file is written again without its oldest calls. One write at a time per file. */
export function appendCall(paths: ProjectPaths, rel: string, record: CallRecord): Promise<void> {
  return withLock([appendCall, paths.dir, rel], async () => {
    await paths.folder(rel.split("/").slice(0, -1).join("/"));
    const file = await paths.resolve(rel);
    // a line torn by a crash is closed first, so the new call starts a line of its own
    const line = `${(await endsTorn(file)) ? "\n" : ""}${JSON.stringify(record)}\n`;
    await appendFile(file, line, "utf8");
    const size = (await stat(file)).size;
    const calls = size > MAX_BYTES ? await readCalls(paths, rel) : null;
    const count = calls?.length ?? (await countLines(file));
    if (count <= MAX_CALLS && size <= MAX_BYTES) return;
    let kept = calls ?? (await readCalls(paths, rel));
    kept = kept.slice(-MAX_CALLS);
    let bytes = kept.reduce((a, c) => a + Buffer.byteLength(JSON.stringify(c)) + 1, 0);
    while (kept.length > 1 && bytes > MAX_BYTES) bytes -= Buffer.byteLength(JSON.stringify(kept.shift())) + 1;
    const tmp = `${file}.tmp`;
    await writeFile(tmp, kept.map((c) => JSON.stringify(c)).join("\n") + "\n", "utf8");
    await rename(tmp, file);
  });
}

async function endsTorn(file: string): Promise<boolean> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(file, "r");
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  } finally {
    await handle?.close();
  }
}

const lineCounts = new Map<string, number>();
/** Lines in the file, counted once and then followed as calls are appended. */
async function countLines(file: string): Promise<number> {
  const known = lineCounts.get(file);
  if (known !== undefined && known < MAX_CALLS) {
    lineCounts.set(file, known + 1);
    return known + 1;
  }
  const n = (await readFile(file, "utf8")).split("\n").filter((l) => l.trim()).length;
  lineCounts.set(file, Math.min(n, MAX_CALLS));
  return n;
}
