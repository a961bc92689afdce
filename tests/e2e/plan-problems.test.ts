/**
 * The Plan screen with the realistic scripted model (issue 15): a summary the model keeps writing
 * against what its chapter must include is listed at that chapter and in the plan review, the
 * plan cannot be accepted over it, and the writer's own summary settles it; the states at the
 * joins are shown and the writer's edit of one is kept in plan.json. Then the seam check on the
 * writer's own text: a chapter that does not follow on from the one before gets a bridge, put
 * into the text through the editor (undoable).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./harness/browser";
import { startTestServer, type RunningServer } from "./harness/quire-server";
import { makeWorkspace } from "./harness/workspace";
import { createProject, fillBriefFromText, nav, saveBrief, seriousViolations } from "./drafting/flow";

const ws = makeWorkspace("plan-problems");
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let server: RunningServer;
let page: Page;

const BRIEF = [
  "# The Island",
  "",
  "A novel of 6 chapters and 3,000 words. Anna returns to the island where she grew up to settle her father's affairs.",
  "",
  "In chapter 3, Anna finds the letter hidden in the piano.",
].join("\n");

const planFile = () => JSON.parse(readFileSync(join(ws.projectDir(), "plan.json"), "utf8")) as { units: { id: string; summary: string; start?: { where: string } }[] };
const row = (id: string) => page.locator(`[data-testid="plan-unit"][data-plan-id="${id}"]`);

beforeAll(async () => {
  server = await startTestServer({
    dataDir: ws.dataDir, projectsDir: ws.projectsDir,
    realistic: { cues: [{ unit: "Chapter 3", habit: "plan-contradicting", times: "always" }] },
  });
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  ws.cleanup();
});

describe("what the planner could not repair, on the Plan screen", () => {
  it("lists the contradiction at its chapter, refuses to accept over it, and lets the writer settle it", async () => {
    await createProject(page, server.url, "The Island");
    await fillBriefFromText(page, BRIEF);
    await saveBrief(page);
    await nav(page, "Plan");
    await page.getByLabel("Titles, summaries and states by the model").check();
    await page.getByRole("button", { name: "Build the plan" }).click();
    await row("u3").waitFor();

    const listed = row("u3").getByTestId("unit-issues");
    await expect.poll(() => listed.textContent()).toMatch(/Anna finds the letter hidden in the piano.*still so after 2 repairs/);
    expect(await page.getByRole("list", { name: "Plan review" }).textContent()).toMatch(/Chapter 3/);
    // no other chapter carries a problem
    expect(await page.getByTestId("unit-issues").count()).toBe(1);
    await page.screenshot({ path: join(process.env.QUIRE_E2E_SHOTS ?? ws.root, "plan-problem.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    // the plan is not accepted over it
    await page.getByRole("button", { name: "Accept the plan" }).click();
    await page.getByText(/The plan has problems: .*Chapter 3/).waitFor();
    expect(readFileSync(join(ws.projectDir(), "plan.json"), "utf8")).toMatch(/but finds nothing/);

    // the writer's summary settles it
    const summary = page.getByLabel(/^Summary of Chapter 3/);
    await summary.fill("Anna finds the letter hidden in the piano and reads it on the stairs.");
    await summary.blur();
    await expect.poll(() => page.getByTestId("unit-issues").count()).toBe(0);
    expect(planFile().units.find((u) => u.id === "u3")!.summary).toMatch(/reads it on the stairs/);
  });

  it("shows each chapter's states at its joins and keeps the writer's edit of one", async () => {
    const states = row("u4").getByTestId("unit-states");
    expect(await states.locator("summary").textContent()).toMatch(/^Starts at .+ · ends at .+/);
    await states.locator("summary").click();
    // it starts where chapter 3 ends (read from there, not kept twice), until the writer changes it
    expect(planFile().units.find((u) => u.id === "u4")!.start).toBeUndefined();
    await states.getByText("Where it starts: where the unit before ends, until you change it").waitFor();
    const where = states.getByLabel("Where (Chapter 4", { exact: false }).first();
    await where.fill("the ferry office");
    await where.blur();
    await expect.poll(() => planFile().units.find((u) => u.id === "u4")!.start?.where).toBe("the ferry office");
    await expect.poll(() => states.locator("summary").textContent()).toMatch(/^Starts at the ferry office/);
    await states.getByText("Where it starts", { exact: true }).waitFor();
    await page.screenshot({ path: join(process.env.QUIRE_E2E_SHOTS ?? ws.root, "plan-states.png"), fullPage: true });
    // and now the plan is accepted
    await page.getByRole("button", { name: "Accept the plan" }).click();
    await page.getByText("Accepted: the units are in the binder").waitFor();
  });

  it("checks the joins of the writer's own chapter and puts the bridge in through the editor", async () => {
    await nav(page, "Write");
    const editor = page.locator(".manuscript");
    // the binder holds the accepted plan's chapters, in order
    const openUnit = async (n: number) => {
      const item = page.getByRole("treeitem").nth(n);
      await item.click();
      const id = await item.getAttribute("data-unit-id");
      await page.locator(`.manuscript[data-unit-id="${id}"]:not([aria-busy])`).waitFor();
    };
    await openUnit(0);
    await editor.click();
    await page.keyboard.type("Rain fell all morning. In the end Anna was at the harbour wall.");
    await openUnit(1);
    await editor.click();
    await page.keyboard.type("Anna was at the station platform. The train was late again.");
    const checks = page.getByTestId("unit-checks");
    await checks.waitFor();
    await checks.locator("summary").click();
    await page.getByRole("button", { name: "Check the joins with the model" }).click();
    const seam = page.locator('[data-testid="seam"][data-joins="false"]');
    await seam.waitFor();
    expect(await seam.textContent()).toMatch(/Does not follow on from Chapter 1.*harbour wall/);
    await page.screenshot({ path: join(process.env.QUIRE_E2E_SHOTS ?? ws.root, "seam-check.png"), fullPage: true });
    await seam.getByRole("button", { name: "Use this bridge" }).click();
    await expect.poll(() => editor.innerText()).toMatch(/^Anna was at the harbour wall\./);
    // one step back with Undo
    await editor.click();
    await page.keyboard.press("Control+z");
    await expect.poll(() => editor.innerText()).toMatch(/^Anna was at the station platform\./);
  });
});
