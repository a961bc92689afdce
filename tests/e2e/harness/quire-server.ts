import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";

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
  const args = [
    join(repo, "bin/quire.mjs"),
    "serve",
    "--data",
    opts.dataDir,
    "--projects-dir",
    opts.projectsDir,
    "--port",
    String(opts.port ?? 0),
    ...(opts.project ? ["--project", opts.project] : []),
    ...(opts.extraArgs ?? []),
  ];
  const proc = spawn(process.execPath, args, { cwd: repo, env: { ...process.env, ...opts.env }, stdio: "pipe" });
  let out = "";
  proc.stdout!.on("data", (d) => (out += String(d)));
  proc.stderr!.on("data", (d) => (out += String(d)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`quire serve did not start:\n${out}`)), 120_000);
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
      reject(new Error(`quire serve exited with ${code}:\n${out}`));
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
