/** Steps shared by the drafting e2e test and the screenshot script: a writer's way through brief, plan and run. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

export const BRIEF_TEXT = [
  "# The Island",
  "",
  "A novel of 20 chapters and 10,000 words. Anna returns to the island where she grew up to settle her father's affairs.",
  "",
  "In chapter 3, Anna finds the letter hidden in the piano.",
  "In chapter 8, the lighthouse keeper tells Anna about the storm.",
  "In chapter 15, Anna burns the old map.",
].join("\n");

export async function createProject(page: Page, url: string, title: string, levels = "Chapter"): Promise<void> {
  await page.goto(url);
  await page.getByLabel("Title").fill(title);
  await page.getByLabel(/Unit levels/).fill(levels);
  await page.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("tree").waitFor({ state: "attached" });
}

export const nav = (page: Page, name: "Write" | "Brief" | "Plan" | "Run" | "Review" | "Story bible") =>
  page.getByRole("navigation", { name: "Screens" }).getByRole("button", { name: new RegExp(`^${name}`) }).click();

export async function fillBriefFromText(page: Page, text = BRIEF_TEXT): Promise<void> {
  await nav(page, "Brief");
  const paste = page.getByLabel(/Describe the book/);
  const summary = page.getByText("Paste a brief in your own words");
  await summary.waitFor();
  if (!(await paste.isVisible())) await summary.click();
  await paste.fill(text);
  await page.getByRole("button", { name: "Fill the form from this" }).click();
  await page.getByRole("button", { name: "Confirm and save brief" }).waitFor();
}

export async function saveBrief(page: Page): Promise<void> {
  await page.getByRole("button", { name: /save brief/i }).click();
  await page.getByTestId("brief-status").filter({ hasText: "Brief saved" }).waitFor();
}

/** Builds the plan; with the model filling titles, summaries and states only when asked (the screen's default follows whether a model is at hand). */
export async function buildPlan(page: Page, opts: { withModel?: boolean } = {}): Promise<void> {
  await nav(page, "Plan");
  await page.getByLabel("Titles, summaries and states by the model").setChecked(opts.withModel ?? false);
  await page.getByRole("button", { name: /Build the plan|Rebuild from the brief/ }).click();
  await page.getByTestId("plan-unit").first().waitFor();
}

/** Leaf budgets as shown in the outline, by plan id. */
export async function planBudgets(page: Page): Promise<Record<string, number>> {
  return page.getByTestId("plan-unit").evaluateAll((els) =>
    Object.fromEntries(
      els
        .filter((e) => e.classList.contains("leaf"))
        .map((e) => [e.getAttribute("data-plan-id"), Number((e.querySelector(".budget-input") as HTMLInputElement).value)]),
    ),
  );
}

export async function runUnits(page: Page): Promise<{ planId: string; state: string; words: number; target: number }[]> {
  return page.getByTestId("run-unit").evaluateAll((els) =>
    els.map((e) => ({
      planId: e.getAttribute("data-plan-id")!,
      state: e.getAttribute("data-state")!,
      words: Number(e.getAttribute("data-words")),
      target: Number(e.getAttribute("data-target")),
    })),
  );
}

export const runStatus = (page: Page) => page.getByTestId("run-status").getAttribute("data-status").catch(() => null);

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Serious and critical axe-core violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // a dialog fading in or a colour still in transition reads as low contrast: wait for every finite
  // animation to end first (a loaded machine reached axe mid-fade once)
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  await page.evaluate(`${axeSource}; undefined`);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, count: v.nodes.length, where: JSON.stringify(v.nodes[0]?.target ?? "") }));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.count}) ${v.where}`);
}
