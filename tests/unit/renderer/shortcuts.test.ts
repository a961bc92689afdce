import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BROWSER_OWN, DELIBERATE, normaliseKeys, RESERVED } from "../../../renderer/src/commands/browser-keys";
import { SHORTCUTS, WIDGET_SHORTCUTS, type ShortcutId } from "../../../renderer/src/commands/shortcuts";

/**
 * Shortcuts in browser mode must reach the studio: Chromium keeps some keys for itself and never
 * hands them to a page (Ctrl+Shift+N opens an incognito window), and others are the browser's
 * everyday keys. Every studio shortcut lives in one table (shortcuts.ts) checked here.
 */
const renderer = join(import.meta.dirname, "../../../renderer/src");
const norm = (list: readonly string[]) => new Set(list.map(normaliseKeys));

describe("studio shortcuts", () => {
  const entries = Object.entries(SHORTCUTS) as [ShortcutId, string][];

  it("none is a key the browser never hands to the page", () => {
    const reserved = norm(RESERVED);
    expect(entries.filter(([, keys]) => reserved.has(normaliseKeys(keys)))).toEqual([]);
  });

  it("none outside a focused widget takes a browser's own key, except the deliberate ones", () => {
    const own = norm(BROWSER_OWN);
    const deliberate = norm(DELIBERATE);
    const global = entries.filter(([id]) => !WIDGET_SHORTCUTS.includes(id));
    expect(global.filter(([, keys]) => own.has(normaliseKeys(keys)) && !deliberate.has(normaliseKeys(keys)))).toEqual([]);
  });

  it("no two commands share a shortcut", () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [id, keys] of entries) {
      const k = normaliseKeys(keys);
      if (seen.has(k)) clashes.push(`${seen.get(k)} and ${id}: ${keys}`);
      seen.set(k, id);
    }
    expect(clashes).toEqual([]);
  });

  it("binder and editor have a shortcut between them, and adding a unit is not Ctrl+Shift+N", () => {
    expect(SHORTCUTS["focus.switch"]).toBeTruthy();
    expect(normaliseKeys(SHORTCUTS["unit.add"])).not.toBe(normaliseKeys("Mod+Shift+N"));
  });

  it("the studio writes shortcuts only in the table (commands, buttons and tooltips read it)", () => {
    // a literal "Mod+…" elsewhere would escape the checks above; the editor's own formatting
    // keys (formatting.ts) are checked by the same lists instead
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (/\.(ts|tsx)$/.test(e.name) && !/commands\/(shortcuts|browser-keys|keys)\.ts$/.test(path)) {
          const text = readFileSync(path, "utf8");
          for (const m of text.matchAll(/["'`]((?:Mod|Alt|Shift)\+[^"'`]+)["'`]/g)) {
            if (path.endsWith("formatting.ts")) {
              const k = normaliseKeys(m[1]!);
              if (norm(RESERVED).has(k) || (norm(BROWSER_OWN).has(k) && !norm(DELIBERATE).has(k))) offenders.push(`${path}: ${m[1]}`);
            } else offenders.push(`${path}: ${m[1]}`);
          }
        }
      }
    };
    walk(renderer);
    expect(offenders).toEqual([]);
  });
});
