/**
 * A real model's habits, as a writer meets them in the studio (Chromium against browser mode, with
 * the realistic scripted model): Chapter 2 opens with "Sure! Here is…" and runs on into the next
 * chapter's heading, Chapter 3 is refused every time it is asked. What the writer watches stream
 * into the open editor, and what lands in the manuscript, is prose only; the run finishes with its
 * failed unit shown (the run view says why, the binder marks it "not drafted"); retrying drafts it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPlan, createProject, fillBriefFromText, nav, runUnits, saveBrief } from "./drafting/flow";
import { startStudio, type StudioSession } from "./harness/studio-session";

let studio: StudioSession;
let page: Page;

const BRIEF = ["# Harbour", "", "A novel of 4 chapters and 1,200 words. Anna returns to the harbour town in winter.", "", "In chapter 2, Anna finds the letter hidden in the piano."].join("\n");
const JUNK = /Sure! Here is|of your novel:|Let me know|I'm sorry|can't help|^#|\bChapter 3\b/m;

/** The manuscript's files, front matter off. */
function bodies(): string[] {
  const dir = join(studio.ws.projectDir(), "manuscript");
  return readdirSync(dir).map((n) => readFileSync(join(dir, n), "utf8").replace(/^---\n[\s\S]*?\n---\n?/, ""));
}

beforeAll(async () => {
  studio = await startStudio("real-habits", {
    realistic: { cues: [{ unit: "Chapter 2", habit: "preamble" }, { unit: "Chapter 2", habit: "next-unit" }, { unit: "Chapter 3", habit: "refusal", times: 3 }] },
  });
  page = studio.page;
});
afterAll(() => studio?.close());

describe("a real model's habits in the studio", () => {
  it("streams and lands prose only, and finishes with the refused chapter shown as failed, with why", async () => {
    await createProject(page, studio.server.url, "Harbour");
    await fillBriefFromText(page, BRIEF);
    await saveBrief(page);
    await buildPlan(page);
    await page.getByRole("button", { name: "Accept the plan" }).click();
    await page.getByRole("button", { name: "Draft it" }).waitFor();

    // watch Chapter 2 stream into the open editor: every text the page ever showed for it is kept
    await nav(page, "Write");
    await page.getByRole("treeitem", { name: /^Chapter 2\b/ }).click();
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const live = document.querySelector('[data-testid="live-draft"]');
        if (live?.textContent) seen.push(live.textContent);
        const ed = document.querySelector(".manuscript");
        if (ed?.textContent) seen.push(ed.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await nav(page, "Run");
    await page.getByRole("button", { name: "Start drafting" }).click();
    const status = page.getByTestId("run-status");
    await expect.poll(() => status.getAttribute("data-status"), { timeout: 120_000, interval: 100 }).toBe("finished-with-failures");
    await expect(status.textContent()).resolves.toMatch(/finished with 1 failed unit/i);

    // the run view says which unit failed and why
    const units = await runUnits(page);
    expect(units.map((u) => [u.planId, u.state])).toEqual([["u1", "done"], ["u2", "done"], ["u3", "failed"], ["u4", "done"]]);
    await expect(page.locator('[data-testid="run-unit"][data-plan-id="u3"] [data-testid="unit-failure"]').textContent()).resolves.toMatch(/declined/);
    for (const u of units.filter((x) => x.state === "done")) expect(Math.abs(u.words - u.target)).toBeLessThanOrEqual(u.target * 0.1);
    // and the binder marks it
    await expect(page.getByRole("treeitem", { name: /^Chapter 3\b/ }).getByTestId("unit-failed").textContent()).resolves.toBe("not drafted");
    if (process.env.QUIRE_E2E_SHOTS) await page.screenshot({ path: join(process.env.QUIRE_E2E_SHOTS, "finished-with-failures.png"), fullPage: true });

    // what streamed and what landed: prose only, Chapter 3 left empty
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.some((t) => t.length > 200)).toBe(true);
    for (const t of seen) expect(t, t.slice(0, 200)).not.toMatch(/Sure! Here is|of your novel:|# Chapter 3/);
    const written = bodies().filter((b) => b.trim() !== "");
    expect(written).toHaveLength(3);
    for (const b of written) expect(b, b.slice(0, 200)).not.toMatch(JUNK);

    // retrying drafts the failed unit (the model answers the fourth ask)
    await page.getByRole("button", { name: "Draft the failed units again" }).click();
    await expect.poll(() => status.getAttribute("data-status"), { timeout: 120_000, interval: 100 }).toBe("done");
    expect((await runUnits(page)).every((u) => u.state === "done")).toBe(true);
    await expect.poll(() => bodies().filter((b) => b.trim() !== "").length).toBe(4);
    await expect(page.getByRole("treeitem", { name: /^Chapter 3\b/ }).getByTestId("unit-failed").count()).resolves.toBe(0);
  });
});
