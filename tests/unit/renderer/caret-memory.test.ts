import { describe, expect, it } from "vitest";
import { CaretMemory, clampSpot, MAX_REMEMBERED_UNITS, type KeyValueStore } from "../../../renderer/src/editor/caret-memory";

class MapStore implements KeyValueStore {
  data = new Map<string, string>();
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.data.set(k, v);
  }
}

describe("where the writer left each unit", () => {
  it("survives a reload, per project", () => {
    const store = new MapStore();
    const a = new CaretMemory("project-a", store);
    a.remember("u1", { from: 120, to: 130, scroll: 840 }, true);
    new CaretMemory("project-b", store).remember("u1", { from: 5, to: 5, scroll: 0 }, true);
    expect(new CaretMemory("project-a", store).get("u1")).toEqual({ from: 120, to: 130, scroll: 840 });
    expect(new CaretMemory("project-b", store).get("u1")).toEqual({ from: 5, to: 5, scroll: 0 });
    expect(new CaretMemory("project-a", store).get("u2")).toBeNull();
  });

  it("keeps the most recently touched units when the cap is reached", () => {
    const store = new MapStore();
    const m = new CaretMemory("p", store);
    for (let i = 0; i < MAX_REMEMBERED_UNITS; i++) m.remember(`u${i}`, { from: i, to: i, scroll: 0 });
    m.remember("u0", { from: 7, to: 7, scroll: 0 }); // touched again: the oldest is now u1
    m.remember("extra", { from: 1, to: 1, scroll: 0 }, true);
    const again = new CaretMemory("p", store);
    expect(again.get("u0")).toEqual({ from: 7, to: 7, scroll: 0 });
    expect(again.get("u1")).toBeNull();
    expect(again.get("u2")).not.toBeNull();
    expect(Object.keys(JSON.parse(store.getItem("quire-caret:p")!)).length).toBe(MAX_REMEMBERED_UNITS);
  });

  it("ignores damaged storage and malformed entries instead of failing", () => {
    const store = new MapStore();
    store.setItem("quire-caret:p", "{not json");
    expect(new CaretMemory("p", store).get("u1")).toBeNull();
    store.setItem("quire-caret:p", JSON.stringify({ u1: { from: -3, to: "x", scroll: 0, at: 1 }, u2: { from: 4, to: 9, scroll: 10, at: 1 } }));
    const m = new CaretMemory("p", store);
    expect(m.get("u1")).toBeNull();
    expect(m.get("u2")).toEqual({ from: 4, to: 9, scroll: 10 });
    const full: KeyValueStore = { getItem: () => null, setItem: () => { throw new Error("QuotaExceededError"); } };
    expect(() => new CaretMemory("p", full).remember("u", { from: 1, to: 1, scroll: 1 }, true)).not.toThrow();
  });

  it("a remembered place past the end of a shortened text lands at its end", () => {
    expect(clampSpot({ from: 500, to: 900, scroll: 0 }, 120)).toEqual({ from: 120, to: 120 });
    expect(clampSpot({ from: 3, to: 8, scroll: 0 }, 120)).toEqual({ from: 3, to: 8 });
  });
});
