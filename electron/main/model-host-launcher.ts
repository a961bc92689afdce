import { utilityProcess } from "electron";
import { join } from "node:path";
import type { HostLauncher } from "../node/llm/host-transport";

/**
 * In the desktop app the model runs in an Electron utility process: a native crash or an
 * out-of-memory abort inside llama.cpp ends that process only, and the studio reports it and
 * offers to reload. The host entry is built next to main by electron-vite (out/main/model-host.js).
 */
export function utilityProcessHostLauncher(mainDir: string): HostLauncher {
  return () => {
    const child = utilityProcess.fork(join(mainDir, "model-host.js"), [], {
      serviceName: "Quire model host",
      env: { ...process.env, QUIRE_MODEL_HOST: "1" },
      stdio: "inherit",
    });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (cb) => {
        child.on("message", cb);
      },
      onExit: (cb) => {
        child.once("exit", (code) => cb({ code, signal: null }));
      },
      kill: () => {
        child.kill();
      },
    };
  };
}
