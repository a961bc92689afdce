import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import type { Cue } from "../../fixtures/realistic-model/realistic-model";

const repo = join(import.meta.dirname, "../../..");

export interface RunningServer {
  url: string;
  origin: string;
  token: string;
  port: number;
  proc: ChildProcess;
  output: () => string;
  /** SIGKILL: no chance to flush anything */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `quire serve` as a real process, the way a writer would. */
export async function startQuireServer(opts: {
  dataDir: string;
  projectsDir: string;
  project?: string;
  port?: number;
  extraArgs?: string[];
  env?: Record<string, string>;
}): Promise<RunningServer> {
  return spawnServer([join(repo, "bin/quire.mjs"), "serve", ...serverArgs(opts), ...(opts.extraArgs ?? [])], opts.env);
}

/**
 * Starts browser mode through the test-only entry (serve-for-tests.ts): the same backend and
 * server as `quire serve`, with the model drafting uses chosen here: the real runtime (`model`),
 * wrapped so that required moments fail (`omit`), or the scripted fake (`scripted`).
 */
/** A unit whose first drafting call streams `afterWords` words, then waits until the run is cancelled or paused. */
export interface RealisticHold {
  unit: string;
  afterWords: number;
}

export interface RealisticSetup {
  cues?: Cue[];
  holds?: RealisticHold[];
}

export async function startTestServer(opts: {
  dataDir: string;
  projectsDir: string;
  project?: string;
  port?: number;
  model?: string;
  omit?: string[];
  scripted?: boolean;
  /** the realistic scripted model (tests/fixtures/realistic-model): true, or its habits on cue and its holds (see serve-for-tests.ts) */
  realistic?: boolean | RealisticSetup;
  /** with scripted: the fake's misbehaviours on cue, "Chapter 2:omit" */
  cues?: string[];
  /** a file the entry appends one line to per model call (see call-log.ts) */
  callLog?: string;
  env?: Record<string, string>;
}): Promise<RunningServer> {
  const args = [
    "--import", "tsx", join(repo, "tests/e2e/harness/serve-for-tests.ts"), ...serverArgs(opts),
    ...(opts.model ? ["--model", opts.model] : []),
    ...(opts.omit ?? []).flatMap((o) => ["--omit", o]),
    ...(opts.scripted ? ["--scripted"] : []),
    ...(opts.realistic
      ? ["--realistic", ...(opts.realistic === true ? [] : [...(opts.realistic.cues ?? []).flatMap((c) => ["--cue", JSON.stringify(c)]), ...(opts.realistic.holds ?? []).flatMap((h) => ["--hold", JSON.stringify(h)])])]
      : []),
    ...(opts.cues ?? []).flatMap((c) => ["--cue", c]),
    ...(opts.callLog ? ["--call-log", opts.callLog] : []),
  ];
  return spawnServer(args, opts.env);
}

function serverArgs(opts: { dataDir: string; projectsDir: string; project?: string; port?: number }): string[] {
  return ["--data", opts.dataDir, "--projects-dir", opts.projectsDir, "--port", String(opts.port ?? 0), ...(opts.project ? ["--project", opts.project] : [])];
}

async function spawnServer(args: string[], env: Record<string, string> = {}): Promise<RunningServer> {
  const proc = spawn(process.execPath, args, { cwd: repo, env: { ...process.env, ...env }, stdio: "pipe" });
  let out = "";
  proc.stdout!.on("data", (d) => (out += String(d)));
  proc.stderr!.on("data", (d) => (out += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start:\n${out}`)), 120_000);
    const check = () => {
      const m = /Quire is running at (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on("data", check);
    proc.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}:\n${out}`));
    });
  });
  const u = new URL(url);
  const exited = once(proc, "exit");
  return {
    url,
    origin: u.origin,
    token: u.searchParams.get("token") ?? "",
    port: Number(u.port),
    proc,
    output: () => out,
    kill: async () => {
      if (proc.exitCode === null) proc.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (proc.exitCode === null) proc.kill("SIGTERM");
      await exited;
    },
  };
}
