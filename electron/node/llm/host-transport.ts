/**
 * How the studio talks to the model host process. The client only needs this small channel;
 * the Node adapter below forks a child process (CLI, browser mode, tests), and the Electron
 * app supplies one over utilityProcess (see utilityProcessChannel's shape in the comment below).
 */
import { fork, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export interface HostExit {
  code: number | null;
  signal: string | null;
}

export interface HostChannel {
  /** OS process id of the host, when known. */
  readonly pid: number | undefined;
  send(message: unknown): void;
  onMessage(cb: (message: unknown) => void): void;
  /** Called once when the process ends, for whatever reason. */
  onExit(cb: (exit: HostExit) => void): void;
  /** Ends the process (SIGKILL-like); onExit still fires. */
  kill(): void;
}

/** Starts a fresh host process. Called again by restart(). */
export type HostLauncher = () => HostChannel;

/*
 * Electron adapter (lives in electron/main, which may import electron):
 *   const child = utilityProcess.fork(hostEntryJs, [], { env: { ...process.env, QUIRE_MODEL_HOST: "1" }, serviceName: "Quire model host" });
 *   return { get pid() { return child.pid }, send: (m) => child.postMessage(m),
 *            onMessage: (cb) => child.on("message", cb), onExit: (cb) => child.once("exit", (code) => cb({ code, signal: null })),
 *            kill: () => child.kill() };
 */

export interface NodeHostOptions {
  /** The host entry; defaults to host/model-host.ts (run through tsx). */
  entry?: string;
  /** Extra environment for the host. */
  env?: Record<string, string>;
}

function findPackageRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, "node_modules", "tsx"))) return dir;
    const up = dirname(dir);
    if (up === dir) return from;
    dir = up;
  }
}

export function defaultHostEntry(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  // bundled: model-host.js is built next to this code; from source it runs in host/
  const js = join(here, "model-host.js");
  return existsSync(js) ? js : join(here, "host", "model-host.ts");
}

/** Forks the host with Node's IPC; TypeScript entries run through tsx's loader. */
export function nodeHostLauncher(options: NodeHostOptions = {}): HostLauncher {
  return () => {
    const entry = options.entry ?? defaultHostEntry();
    const isTs = entry.endsWith(".ts");
    const child: ChildProcess = fork(entry, [], {
      // resolve "tsx" from the package that owns the entry, whatever the caller's cwd
      cwd: findPackageRoot(dirname(entry)),
      execArgv: isTs ? ["--import", "tsx"] : [],
      env: { ...process.env, ...options.env, QUIRE_MODEL_HOST: "1" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      serialization: "advanced",
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (m) => {
        if (child.connected) child.send(m as never);
      },
      onMessage: (cb) => child.on("message", cb),
      onExit: (cb) => child.once("exit", (code, signal) => cb({ code, signal })),
      kill: () => {
        child.kill("SIGKILL");
      },
    };
  };
}
