/**
 * The studio's model service loads, unloads and disposes one at a time, in the order asked
 * (lifecycle-utils' withLock): an unload asked while a load is still starting its host runs after
 * it, so no model is left loaded behind the writer's back.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ModelService } from "../../../electron/node/backend/models/model-service";
import type { HostChannel, HostExit } from "../../../electron/node/llm/host-transport";

/** A host that answers after a delay, so a load takes a while. */
function slowHost(log: string[]): HostChannel {
  let onMsg: (m: unknown) => void = () => {};
  const exits: ((e: HostExit) => void)[] = [];
  const report = {
    name: "m.gguf", modelPath: "/m.gguf", architecture: "llama", backend: "cpu", deviceNames: [], gpuLayers: 0, totalLayers: 3,
    contextSize: 1024, trainContextSize: 4096, sequences: 1, threads: 1, loadMillis: 1, fallbacks: [], chatWrapper: "ChatML", thinking: "none",
  };
  queueMicrotask(() => onMsg({ type: "ready", pid: 1 }));
  return {
    pid: 1,
    send: (raw) => {
      const m = raw as { type: string; id: number };
      log.push(m.type);
      const value = m.type === "load" ? report : m.type === "info" ? null : m.type === "system" ? undefined : { ok: true };
      if (value === undefined) return;
      setTimeout(() => onMsg({ type: "result", id: m.id, value }), m.type === "load" ? 40 : 1);
    },
    onMessage: (cb) => (onMsg = cb),
    onExit: (cb) => exits.push(cb),
    kill: () => {
      log.push("kill");
      for (const cb of exits) cb({ code: null, signal: "SIGKILL" });
    },
  };
}

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("model service lock", () => {
  it("an unload asked during a load runs after it: nothing is left loaded", async () => {
    dir = mkdtempSync(join(tmpdir(), "quire-model-service-"));
    const log: string[] = [];
    const service = new ModelService({
      dataDir: dir,
      catalogPath: join(dir, "none.json"),
      commandLineModel: join(dir, "m.gguf"),
      launcher: () => slowHost(log),
      emit: () => {},
      env: { QUIRE_LLM_NICE: "0" },
    });
    await service.init();
    const id = (await service.state()).installed[0]!.id;
    await Promise.all([service.load(id), service.unload()]);
    expect((await service.state()).loaded).toBeNull();
    // the host was started, loaded, and only then ended by the unload
    expect(log.indexOf("load")).toBeGreaterThanOrEqual(0);
    expect(log.lastIndexOf("kill")).toBeGreaterThan(log.indexOf("load"));
    await service.dispose();
  });
});
