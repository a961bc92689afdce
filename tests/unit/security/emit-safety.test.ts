import { describe, expect, it } from "vitest";
import { Dispatcher, type Handlers } from "../../../electron/node/backend/dispatcher";

describe("the backend's events never throw into whoever emits them", () => {
  it("drops (and logs) an event its schema refuses, such as a 20 M-character outside edit, instead of throwing into the store", () => {
    const logged: string[] = [];
    const dispatcher = new Dispatcher({} as Handlers, (message) => logged.push(message));
    const got: string[] = [];
    dispatcher.subscribe((name) => got.push(name));
    expect(() => dispatcher.emit("unit.reloaded", { handle: "h", id: "u1", body: "x".repeat(20_000_001), version: 1 })).not.toThrow();
    expect(got).toEqual([]);
    expect(logged.join("\n")).toMatch(/unit\.reloaded/);
  });

  it("a listener that throws does not stop the others, nor reach the emitter", () => {
    const dispatcher = new Dispatcher({} as Handlers, () => {});
    const got: number[] = [];
    dispatcher.subscribe(() => {
      throw new Error("a broken tab");
    });
    dispatcher.subscribe((_name, payload) => got.push((payload as { tokensPerSecond: number }).tokensPerSecond));
    expect(() => dispatcher.emit("models.throughput", { tokensPerSecond: 12 })).not.toThrow();
    expect(got).toEqual([12]);
  });
});
