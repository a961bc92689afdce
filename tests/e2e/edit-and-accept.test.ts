/**
 * "Edit → Accept my edit" on a revision (issue 16, item 4), in Chromium against browser mode with
 * the scripted model: the words the writer did not touch stay marked as the model's, only the
 * words they typed are theirs.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { provenanceCounts } from "../../electron/shared/markdown/plain-text";
import { buildPlan, createProject, fillBriefFromText, nav, saveBrief } from "./drafting/flow";
import { startStudio, type StudioSession } from "./harness/studio-session";

let studio: StudioSession;
let page: Page;

const BRIEF = ["# Harbour", "", "A novel of 4 chapters and 1,200 words. A harbour town in winter.", "", "In chapter 2, the ferry sinks in the harbour."].join("\n");

/** The manuscript file holding this text, front matter off. */
function bodyWith(text: string): string | undefined {
  const dir = join(studio.ws.projectDir(), "manuscript");
  for (const n of readdirSync(dir)) {
    const body = readFileSync(join(dir, n), "utf8").replace(/^---\n[\s\S]*?\n---\n?/, "");
    if (body.includes(text)) return body;
  }
  return undefined;
}

beforeAll(async () => {
  // the scripted model leaves the ferry out of chapter 2; a revision puts it in
  studio = await startStudio("edit-accept", { scripted: true, cues: ["Chapter 2:omit"] });
  page = studio.page;
});
afterAll(() => studio?.close());

describe("accepting a revision the writer edited", () => {
  it("keeps the model's mark on every word the writer left as it was (item 4)", async () => {
    await createProject(page, studio.server.url, "Harbour");
    await fillBriefFromText(page, BRIEF);
    await saveBrief(page);
    await buildPlan(page);
    await page.getByRole("button", { name: "Accept the plan" }).click();
    await page.getByRole("button", { name: "Draft it" }).waitFor();
    await nav(page, "Run");
    await page.getByRole("button", { name: "Start drafting" }).click();
    await page.locator('[data-testid="run-status"][data-status="done"]').waitFor({ timeout: 120_000 });

    await nav(page, "Review");
    await page.locator('[data-testid="proposal"][data-plan-id="u2"]').getByRole("button").first().click();
    const detail = page.getByTestId("proposal-detail");
    await expect.poll(() => detail.getAttribute("data-status")).toBe("pending");
    await detail.getByRole("button", { name: "Edit" }).click();
    const box = detail.getByRole("textbox");
    const proposed = await box.inputValue();
    await box.fill(`My own four words.\n\n${proposed}`);
    await detail.getByRole("button", { name: "Accept my edit" }).click();
    await expect.poll(() => detail.getAttribute("data-status")).toBe("accepted");

    await expect.poll(() => bodyWith("My own four words.")).toBeDefined();
    const body = bodyWith("My own four words.")!;
    const counts = provenanceCounts(body);
    // the writer's four words are theirs, every other word is still the model's
    expect(counts.writer).toBe(4);
    expect(counts.model).toBe(counts.total - 4);
    expect(counts.model).toBeGreaterThan(100);
    expect(body.trimStart()).toMatch(/^My own four words\.\n/);
  });
});
