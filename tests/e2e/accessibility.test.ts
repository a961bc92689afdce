import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStudio, type StudioSession } from "./harness/studio-session";
import { runCommand } from "./studio-ui";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let studio: StudioSession;
let page: Page;

/** Runs axe-core in the page (evaluate is not subject to the page's CSP) and returns serious violations. */
async function violations(): Promise<string[]> {
  await page.evaluate(`${axeSource}; undefined`);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, count: v.nodes.length }));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.count})`);
}

beforeAll(async () => {
  studio = await startStudio("a11y");
  page = studio.page;
});
afterAll(() => studio?.close());

describe("accessibility (axe-core)", () => {
  it("the project picker has no serious violations", async () => {
    await page.goto(studio.server.url);
    await page.getByRole("heading", { name: "Quire" }).waitFor();
    expect(await violations()).toEqual([]);
  });

  it("the studio (binder tree, editor, inspector, status bar) has no serious violations, in both themes", async () => {
    await page.getByLabel("Title").fill("Accessible Book");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("button", { name: /^Add Part$/ }).click();
    await page.getByRole("button", { name: /^Add Chapter inside$/ }).click();
    await page.locator(".manuscript").click();
    await page.keyboard.type("Some words to count.");
    expect(await violations()).toEqual([]);
    await runCommand(page, "Dark theme");
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    expect(await violations()).toEqual([]);
  });

  it("the binder is a keyboard-navigable tree", async () => {
    const items = page.getByRole("treeitem");
    await items.first().focus();
    const focusedLevel = () => page.evaluate(() => document.activeElement?.getAttribute("aria-level"));
    await page.keyboard.press("ArrowDown");
    await expect.poll(focusedLevel).toBe("2");
    await page.keyboard.press("ArrowLeft");
    await expect.poll(focusedLevel).toBe("1");
  });
});
