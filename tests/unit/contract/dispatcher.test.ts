import { describe, expect, it, vi } from "vitest";
import { QuireError } from "../../../electron/shared/contract/errors";
import { Dispatcher, type Handlers } from "../../../electron/node/backend/dispatcher";

function handlersWith(overrides: Partial<Handlers>): Handlers {
  return new Proxy(overrides as Handlers, {
    get: (target, name) => (target as Record<string | symbol, unknown>)[name] ?? (() => Promise.reject(new Error("unexpected"))),
  });
}

describe("Dispatcher", () => {
  it("rejects payloads that do not match the schema before they reach the handler", async () => {
    const save = vi.fn(async () => ({ version: 1 }));
    const d = new Dispatcher(handlersWith({ "units.save": save }));
    for (const payload of [
      null,
      { handle: "h", id: "u1", body: 42, baseVersion: 0 },
      { handle: "h", id: "", body: "x", baseVersion: 0 },
      { handle: "h", id: "u1", body: "x", baseVersion: -1 },
      "units.save",
    ]) {
      const reply = await d.dispatch("units.save", payload);
      expect(reply.ok).toBe(false);
      expect(!reply.ok && (reply.error as { code: string }).code).toBe("invalid-payload");
    }
    expect(save).not.toHaveBeenCalled();
  });

  it("refuses unknown methods, including prototype names", async () => {
    const d = new Dispatcher(handlersWith({}));
    for (const m of ["fs.readFile", "__proto__", "constructor", 7, undefined]) {
      const reply = await d.dispatch(m, {});
      expect(!reply.ok && (reply.error as { code: string }).code).toBe("unknown-method");
    }
  });

  it("passes parsed input (with defaults) to the handler and wraps the result", async () => {
    const save = vi.fn(async (input: { writerWordsDelta: number }) => ({ version: input.writerWordsDelta + 1 }));
    const d = new Dispatcher(handlersWith({ "units.save": save as never }));
    const reply = await d.dispatch("units.save", { handle: "h", id: "u1", body: "text", baseVersion: 3 });
    expect(reply).toEqual({ ok: true, value: { version: 1 } });
  });

  it("turns typed errors into wire errors and hides nothing a writer needs", async () => {
    const d = new Dispatcher(
      handlersWith({
        "units.read": async () => {
          throw new QuireError("corrupt", "Front matter is not valid YAML", { file: "manuscript/a.md" });
        },
      }),
    );
    const reply = await d.dispatch("units.read", { handle: "h", id: "u1" });
    expect(reply).toEqual({
      ok: false,
      error: { code: "corrupt", message: "Front matter is not valid YAML", file: "manuscript/a.md" },
    });
  });

  it("validates events on the way out", () => {
    const logged: string[] = [];
    const d = new Dispatcher(handlersWith({}), (message) => logged.push(message));
    const seen: unknown[] = [];
    d.subscribe((name, payload) => seen.push([name, payload]));
    d.emit("unit.saved", { handle: "h", id: "u1", version: 2 });
    expect(seen).toEqual([["unit.saved", { handle: "h", id: "u1", version: 2 }]]);
    // a malformed event is dropped and logged, never thrown into the emitter
    d.emit("unit.saved", { handle: "h", id: "u1", version: "2" } as never);
    expect(seen).toHaveLength(1);
    expect(logged.join("\n")).toMatch(/malformed unit\.saved/);
  });
});
