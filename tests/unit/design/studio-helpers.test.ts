/** The small pure pieces of the design pass: chart ticks, the palette's filter, shortcut matching, finding keys. */
import { describe, expect, it } from "vitest";
import { niceTicks } from "../../../renderer/src/drafting/charts";
import { filterCommands } from "../../../renderer/src/commands/filter";
import { matchesKeys, shortcutLabel } from "../../../renderer/src/commands/keys";
import { findingKey } from "../../../renderer/src/drafting/finding-key";

const key = (k: string, o: Partial<KeyboardEvent> = {}) =>
  ({ key: k, code: /^[a-z]$/i.test(k) ? `Key${k.toUpperCase()}` : /^\d$/.test(k) ? `Digit${k}` : k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...o }) as KeyboardEvent;

describe("chart ticks", () => {
  it("are round numbers from 0 that reach the largest value", () => {
    expect(niceTicks(10_000)).toEqual([0, 2500, 5000, 7500, 10000]);
    expect(niceTicks(880)).toEqual([0, 250, 500, 750, 1000]);
    expect(niceTicks(1)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    for (const max of [3, 17, 485, 1234, 99_999, 2_000_001]) {
      const t = niceTicks(max);
      expect(t[0]).toBe(0);
      expect(t.at(-1)!).toBeGreaterThanOrEqual(max);
      expect(t.length).toBeLessThanOrEqual(6);
    }
    expect(niceTicks(0)).toEqual([0]);
    expect(niceTicks(Number.NaN)).toEqual([0]);
  });
});

describe("the command palette's filter", () => {
  const cmds = [
    { id: "a", title: "Focus mode", group: "View", run() {} },
    { id: "b", title: "Export", group: "Project", run() {} },
    { id: "c", title: "Go to Plan", group: "Go", run() {} },
    { id: "d", title: "Project settings", group: "Project", run() {} },
  ];
  it("keeps commands holding every word typed, in title or group, names that start with it first", () => {
    expect(filterCommands(cmds, "").map((c) => c.id)).toEqual(["a", "b", "c", "d"]);
    expect(filterCommands(cmds, "proj").map((c) => c.id)).toEqual(["d", "b"]);
    expect(filterCommands(cmds, "go plan").map((c) => c.id)).toEqual(["c"]);
    expect(filterCommands(cmds, "FOCUS").map((c) => c.id)).toEqual(["a"]);
    expect(filterCommands(cmds, "nothing like it")).toEqual([]);
  });
});

describe("shortcuts", () => {
  it("match the key event they are written for, and only that one", () => {
    expect(matchesKeys(key("F", { ctrlKey: true, shiftKey: true }), "Mod+Shift+F")).toBe(true);
    expect(matchesKeys(key("f", { ctrlKey: true }), "Mod+Shift+F")).toBe(false);
    expect(matchesKeys(key("F", { shiftKey: true }), "Mod+Shift+F")).toBe(false);
    expect(matchesKeys(key("p", { ctrlKey: true }), "Mod+P")).toBe(true);
    expect(matchesKeys(key("!", { ctrlKey: true, code: "Digit1" } as Partial<KeyboardEvent>), "Mod+1")).toBe(true);
    expect(matchesKeys(key(",", { ctrlKey: true, code: "Comma" } as Partial<KeyboardEvent>), "Mod+,")).toBe(true);
    expect(matchesKeys(key("F2"), "F2")).toBe(true);
  });
  it("read as the platform writes them", () => {
    expect(shortcutLabel("Mod+Shift+F")).toBe("Ctrl+Shift+F");
    expect(shortcutLabel("Alt+ArrowUp")).toBe("Alt+↑");
  });
});

describe("finding keys", () => {
  it("name the same finding the same way and different findings differently", () => {
    const f = { monitor: "consistency", code: "name", message: "m", excerpt: "Anna said" };
    expect(findingKey("u1", f)).toBe(findingKey("u1", { ...f, message: "reworded" }));
    expect(findingKey("u1", f)).not.toBe(findingKey("u2", f));
    expect(findingKey("u1", f)).not.toBe(findingKey("u1", { ...f, excerpt: "Anna shouted" }));
    expect(findingKey("u1", { ...f, excerpt: undefined })).not.toBe(findingKey("u1", { ...f, excerpt: undefined, message: "other" }));
    expect(findingKey("u".repeat(400), f).length).toBeLessThanOrEqual(300);
  });
});
