/**
 * The Brief screen as a writer meets it: a pasted brief with a sentence nothing can place and a
 * length that had to be assumed. The studio lists both beside what it understood, offers the four
 * choices on each, keeps the unplaced requirement in the form, and waits to plan until every item
 * is settled or the writer chooses to plan anyway.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./harness/browser";
import { startQuireServer, type RunningServer } from "./harness/quire-server";
import { makeWorkspace } from "./harness/workspace";
import { createProject, fillBriefFromText, saveBrief, seriousViolations } from "./drafting/flow";

const ws = makeWorkspace("brief-notes");
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let server: RunningServer;
let page: Page;

const BRIEF = [
  "A cozy mystery in 12 chapters, about 36,000 words.",
  "",
  "In chapter 3 the vicar finds the body in the tea tent.",
  "Near the end, the organist confesses.",
].join("\n");

beforeAll(async () => {
  server = await startQuireServer({ dataDir: ws.dataDir, projectsDir: ws.projectsDir });
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  ws.cleanup();
});

const notes = (list: "not-understood" | "assumed") => page.getByTestId(list).getByTestId("brief-note");

describe("the Brief screen says what it did not understand", () => {
  it("lists the sentence it could not place and the length it assumed, and keeps the requirement", async () => {
    await createProject(page, server.url, "Tea Tent");
    await fillBriefFromText(page, BRIEF);
    await expect.poll(() => notes("not-understood").count()).toBe(1);
    await expect.poll(() => notes("not-understood").first().textContent()).toContain("Near the end, the organist confesses.");
    await expect.poll(() => notes("assumed").first().textContent()).toMatch(/36,?000 words.*total/);
    // the unplaced requirement is still in the form, placed "anywhere"
    const texts = await page.getByLabel("What must appear").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(texts).toContain("Near the end, the organist confesses.");
    expect(await page.getByLabel("Total length").inputValue()).toBe("36000");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("waits to plan until each item is settled, offering the four choices", async () => {
    await saveBrief(page);
    const toPlan = page.getByRole("button", { name: "Plan the book" });
    expect(await toPlan.isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId("open-items").textContent()).toMatch(/^2 items/);

    // the assumed total: take the other reading (36,000 a chapter)
    const assumed = notes("assumed").first();
    await assumed.getByRole("button", { name: /Take the other reading/ }).click();
    await expect.poll(() => page.getByLabel("Total length").inputValue()).toBe("432000");
    // …and back: the writer re-types the total; accepting the first reading settles nothing else
    await page.getByLabel("Total length").fill("36000");

    // the sentence not understood: place it on units the writer picks
    const open = notes("not-understood").first();
    expect(await open.getByRole("button", { name: "Accept this reading" }).isEnabled()).toBe(true);
    expect(await open.getByRole("button", { name: "Drop it" }).isEnabled()).toBe(true);
    await open.getByRole("button", { name: /Place on units/ }).click();
    await open.getByLabel("Units (for example 3, 5-7)").fill("11-12");
    await open.getByRole("button", { name: "Place", exact: true }).click();
    await expect.poll(() => open.getAttribute("data-settled")).toBe("picked");

    await saveBrief(page);
    expect(await toPlan.isEnabled()).toBe(true);
    const saved = readFileSync(join(ws.projectDir(), "brief.md"), "utf8");
    expect(saved).toContain("Near the end, the organist confesses.");
    expect(saved).toMatch(/kind: set[\s\S]*indices:\s*\n\s*- 11\n\s*- 12/);
  });

  it("lets the writer plan anyway with items still open", async () => {
    await fillBriefFromText(page, BRIEF);
    await saveBrief(page);
    await expect.poll(() => page.getByTestId("open-items").textContent()).toMatch(/^2 items/);
    await page.getByRole("button", { name: "Plan anyway" }).click();
    await page.getByRole("button", { name: /Build the plan|Rebuild from the brief/ }).waitFor();
  });
});
