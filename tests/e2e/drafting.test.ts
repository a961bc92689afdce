/**
 * Drafting end to end, in Chromium against browser mode with the generated test model: brief from
 * prose, plan review and edits, a run with pause, resume and a quit in the middle, every unit
 * written within tolerance, and a forced obligation failure (the test entry's fault injector) whose
 * revision is accepted, rejected and undone. Asserts on structure and state, never on the model's wording.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseMarkdown } from "../../electron/shared/markdown/index";
import { plainTextOf } from "../../electron/shared/markdown/plain-text";
import { countWords } from "../../electron/shared/text/count-words";
import { makeTestModel } from "../fixtures/gguf/test-model";
import { launchBrowser } from "./harness/browser";
import { draftingCallsPerUnit, readCallLog } from "./harness/call-log";
import { startTestServer, type RunningServer } from "./harness/quire-server";
import { makeWorkspace } from "./harness/workspace";
import { buildPlan, createProject, fillBriefFromText, nav, planBudgets, runUnits, saveBrief, seriousViolations } from "./drafting/flow";

const ws = makeWorkspace("drafting");
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let server: RunningServer;
let page: Page;
let modelPath: string;
/** Every model call drafting makes, across restarts of the server: which unit each drafting call writes. */
const callLog = join(ws.root, "model-calls.jsonl");

/** The real runtime with the generated model; the second required moment (chapter 8) fails its check until revised. */
const start = async (port?: number) =>
  startTestServer({
    dataDir: ws.dataDir, projectsDir: ws.projectsDir, port, model: modelPath,
    omit: ["the lighthouse keeper tells Anna about the storm"], callLog, env: { QUIRE_LLM_THREADS: "1" },
  });

/** Each unit file's body (front matter off), by unit id. */
function unitBodies(): Map<string, string> {
  const dir = join(ws.projectDir(), "manuscript");
  const out = new Map<string, string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".md"))) {
    const text = readFileSync(join(dir, name), "utf8");
    const id = /^id:\s*(\S+)/m.exec(text)?.[1];
    const body = text.replace(/^---\n[\s\S]*?\n---\n?/, "");
    if (id) out.set(id, body);
  }
  return out;
}
/** binder.json: which project unit each plan unit became. */
const binderOf = () => (JSON.parse(readFileSync(join(ws.projectDir(), "binder.json"), "utf8")) as { units: Record<string, string> }).units;
const textIn = (body: string) => plainTextOf(parseMarkdown(body));
const wordsIn = (body: string) => countWords(textIn(body));
const statusIs = (s: string) => page.locator(`[data-testid="run-status"][data-status="${s}"]`).waitFor({ timeout: 170_000 });

beforeAll(async () => {
  modelPath = await makeTestModel({ params: "1M", variant: "whole" });
  server = await start();
  browser = await launchBrowser();
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  ws.cleanup();
});

describe("drafting a book in the studio", () => {
  it("fills the brief form from a pasted natural-language brief and saves it", async () => {
    await createProject(page, server.url, "The Island");
    await fillBriefFromText(page);
    await expect.poll(() => page.getByTestId("structure-level").count()).toBe(1);
    expect(await page.getByLabel("How many (per parent)").inputValue()).toBe("20");
    expect(await page.getByLabel("Total length").inputValue()).toBe("10000");
    await expect.poll(() => page.getByTestId("requirement").count()).toBe(3);
    const placed = await page.getByLabel("Unit number").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(placed).toEqual(["3", "8", "15"]);
    expect(await seriousViolations(page)).toEqual([]);
    await saveBrief(page);
    expect(readFileSync(join(ws.projectDir(), "brief.md"), "utf8")).toMatch(/^---\n/);
  });

  it("builds the plan, rebalances an edited budget so the total holds, and accepts it into the binder", async () => {
    // with a model at hand the plan is the model's to fill unless the writer says not (this test says not: its model writes word salad)
    await nav(page, "Plan");
    await expect.poll(() => page.getByLabel("Titles, summaries and states by the model").isChecked(), { timeout: 10_000 }).toBe(true);
    await buildPlan(page);
    expect(await page.locator('[data-testid="plan-unit"].leaf').count()).toBe(20);
    expect(await page.getByTestId("plan-obligation").count()).toBe(3);
    // every obligation lands on the chapter the brief names
    const placedOn = await page.getByTestId("plan-unit").evaluateAll((els) =>
      els.filter((e) => e.querySelector('[data-testid="plan-obligation"]')).map((e) => e.getAttribute("data-plan-id")),
    );
    expect(placedOn).toEqual(["u3", "u8", "u15"]);
    expect(await seriousViolations(page)).toEqual([]);
    const before = await planBudgets(page);
    expect(Object.values(before).reduce((a, b) => a + b, 0)).toBe(10_000);

    const first = page.getByLabel("Budget of Chapter 1", { exact: true });
    await first.fill(String(before.u1! + 190));
    await first.press("Enter");
    // the others follow once the backend has the rebalanced plan
    await expect.poll(async () => Object.values(await planBudgets(page)).reduce((a, b) => a + b, 0)).toBe(10_000);
    const after = await planBudgets(page);
    expect(after.u1).toBe(before.u1! + 190);
    expect(await page.getByTestId("plan-total").getAttribute("data-holds")).toBe("true");
    // the others gave the difference back
    expect(Object.entries(after).filter(([id, n]) => id !== "u1" && n < before[id]!).length).toBeGreaterThan(0);

    await page.getByLabel("Title of Chapter 2", { exact: true }).fill("The Crossing");
    await page.getByLabel("Title of Chapter 2", { exact: true }).blur();
    await page.getByRole("button", { name: "Accept the plan" }).click();
    await page.getByRole("button", { name: "Draft it" }).waitFor();
    await expect.poll(() => page.getByRole("treeitem").count()).toBe(20);
    await expect.poll(() => page.locator(".unit-title").nth(1).innerText()).toContain("The Crossing");
    const plan = JSON.parse(readFileSync(join(ws.projectDir(), "plan.json"), "utf8")) as { units: { id: string; targetWords: number }[] };
    expect(plan.units.find((u) => u.id === "u1")!.targetWords).toBe(before.u1! + 190);
  });

  let doneBeforeQuit = new Map<string, string>();

  it("streams a unit into the open editor, read-only until its draft lands as one undo step", async () => {
    await nav(page, "Write");
    // an early unit in any schedule: the default drafts chains of consecutive chapters (issue 15), so chapter 6 of a
    // 2-worker run waits for chapters 1 to 5; chapter 2 waits for chapter 1 at most
    await page.getByRole("treeitem", { name: /^Chapter 2\b/ }).click();
    await nav(page, "Run");
    await page.getByLabel("Units at once").fill("2");
    await page.getByRole("button", { name: "Start drafting" }).click();
    await nav(page, "Write");
    const ed = page.locator(".manuscript");
    await expect.poll(() => ed.getAttribute("contenteditable"), { timeout: 60_000, interval: 50 }).toBe("false");
    await expect.poll(async () => ((await page.getByTestId("live-draft").textContent().catch(() => "")) ?? "").length, { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
    await expect.poll(() => ed.getAttribute("contenteditable"), { timeout: 60_000, interval: 50 }).toBe("true");
    await expect.poll(() => ed.locator('[data-quire="ai"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId("live-draft").count()).toBe(0);
    const text = async () => (await ed.innerText()).trim();
    const landed = await text();
    await ed.click();
    await page.keyboard.press("Control+z");
    await expect.poll(text).toBe("");
    await page.keyboard.press("Control+Shift+z");
    await expect.poll(text).toBe(landed);
  });

  it("drafts with live length bars, pauses and resumes", async () => {
    await nav(page, "Run");
    // length bars fill while units are written
    await expect.poll(async () => (await runUnits(page)).some((u) => u.words > 0), { timeout: 120_000, interval: 100 }).toBe(true);
    // the binder shows which units are being written, and how far each has got
    await expect
      .poll(() => page.getByRole("tree").getByRole("progressbar", { name: /Being drafted: \d+ of \d+ words/ }).count(), { timeout: 60_000, interval: 50 })
      .toBeGreaterThan(0);
    await page.getByRole("button", { name: "Pause" }).click();
    await statusIs("paused");
    const paused = await runUnits(page);
    const donePaused = paused.filter((u) => u.state === "done").length;
    expect(donePaused).toBeGreaterThan(0);
    expect(donePaused).toBeLessThan(20);
    expect(paused.some((u) => u.state === "drafting")).toBe(false);
    // nothing moves while paused
    await page.waitForTimeout(1500);
    expect((await runUnits(page)).filter((u) => u.state === "done").length).toBe(donePaused);

    await page.getByRole("button", { name: "Resume" }).click();
    await expect.poll(async () => (await runUnits(page)).filter((u) => u.state === "done").length, { timeout: 120_000, interval: 100 }).toBeGreaterThan(donePaused);
  });

  it("resumes after the server quits mid-run, without redoing finished units", async () => {
    const units = await runUnits(page);
    const binder = binderOf();
    const bodies = unitBodies();
    await server.stop();
    const runId = (JSON.parse(readFileSync(join(ws.projectDir(), "runs", "current.json"), "utf8")) as { runId: string }).runId;
    const finishedAtQuit = readdirSync(join(ws.projectDir(), "runs", runId, "units")).filter((n) => n.endsWith(".json")).map((n) => n.replace(/\.json$/, ""));
    doneBeforeQuit = new Map(units.filter((u) => u.state === "done").map((u) => [binder[u.planId]!, bodies.get(binder[u.planId]!)!]));
    expect(doneBeforeQuit.size).toBeGreaterThan(0);
    for (const body of doneBeforeQuit.values()) expect(wordsIn(body)).toBeGreaterThan(0);

    const callsBefore = readCallLog(callLog).length;
    server = await start(server.port);
    await page.goto(server.url);
    await nav(page, "Run");
    await page.getByRole("button", { name: "Resume" }).click();
    await statusIs("done");
    const after = unitBodies();
    for (const [id, body] of doneBeforeQuit) expect(after.get(id)).toBe(body);
    // counted at the model, per unit: a finished unit drafted again would show here even though
    // landing (which never overwrites a unit with text) would keep it out of the files
    // (what the run had finished when the server stopped: its unit records, the run's own truth)
    const resumed = draftingCallsPerUnit(readCallLog(callLog).slice(callsBefore));
    const heading = (planId: string) => `Chapter ${planId.slice(1)}`;
    for (const planId of finishedAtQuit) expect(resumed.get(heading(planId)) ?? 0).toBe(0);
    const rest = units.map((u) => u.planId).filter((id) => !finishedAtQuit.includes(id));
    expect(rest.length).toBeGreaterThan(0);
    for (const planId of rest) expect(resumed.get(heading(planId)) ?? 0).toBeGreaterThanOrEqual(1);
  });

  it("wrote every unit, each within its budget's tolerance", async () => {
    const plan = JSON.parse(readFileSync(join(ws.projectDir(), "plan.json"), "utf8")) as {
      tolerance: number;
      units: { id: string; isLeaf: boolean; targetWords: number }[];
    };
    const bodies = unitBodies();
    const leaves = plan.units.filter((u) => u.isLeaf);
    expect(leaves).toHaveLength(20);
    let total = 0;
    for (const u of leaves) {
      const body = bodies.get(binderOf()[u.id]!)!;
      expect(body).toContain('<span data-quire="ai">');
      const n = wordsIn(body);
      total += n;
      expect(Math.abs(n - u.targetWords)).toBeLessThanOrEqual(Math.ceil(u.targetWords * Math.min(plan.tolerance, 0.1)));
    }
    expect(Math.abs(total - 10_000)).toBeLessThanOrEqual(300);
    const shown = await runUnits(page);
    expect(shown.every((u) => u.state === "done")).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
  });

  // (was flaky: the accepted revision's recheck read as unjudged when a "no" stood earlier in the same
  // run-on sentence of word salad; a negation now denies only its own clause, tests/unit/engine/chatter-proof.test.ts)
  it("shows the forced obligation failure and lets its revision be accepted, rejected and undone", async () => {
    const faulted = page.locator('[data-testid="run-unit"][data-plan-id="u8"] [data-testid="obligation"]');
    await expect.poll(() => faulted.getAttribute("data-met"), { timeout: 20_000 }).toBe("false");
    const unitId = binderOf().u8!;
    const original = unitBodies().get(unitId)!;

    await nav(page, "Review");
    const detail = page.getByTestId("proposal-detail");
    // the revision for the required item: the word-salad model's seam checks may also propose bridges for u8 (issue 15)
    const openRevision = async () => {
      const items = page.locator('[data-testid="proposal"][data-plan-id="u8"]');
      await expect.poll(() => items.count()).toBeGreaterThan(0);
      for (let i = 0; i < (await items.count()); i++) {
        await items.nth(i).getByRole("button").first().click();
        await expect.poll(() => detail.getAttribute("data-id")).toBe(await items.nth(i).getAttribute("data-id"));
        if (!/^the join with/.test(await detail.locator(".reasons li").first().innerText())) return;
      }
      throw new Error("no revision for the required item of u8");
    };
    await openRevision();
    await expect.poll(() => detail.getAttribute("data-status")).toBe("pending");
    expect(await detail.getByTestId("diff").locator(".added").count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);

    await detail.getByRole("button", { name: "Accept", exact: true }).click();
    await expect.poll(() => detail.getAttribute("data-status")).toBe("accepted");
    await expect.poll(() => unitBodies().get(unitId)).not.toBe(original);
    expect(textIn(unitBodies().get(unitId)!)).toContain("lighthouse keeper tells Anna about the storm");
    await nav(page, "Run");
    // the run view takes the decision's recheck when the studio's state next arrives: wait for it, not 1 s
    await expect.poll(() => faulted.getAttribute("data-met"), { timeout: 20_000 }).toBe("true");

    await nav(page, "Review");
    await page.getByLabel(/All \(\d+\)/).check();
    await openRevision();
    await detail.getByRole("button", { name: "Undo accept" }).click();
    await expect.poll(() => detail.getAttribute("data-status")).toBe("pending");
    await expect.poll(() => wordsIn(unitBodies().get(unitId)!)).toBe(wordsIn(original));
    expect(textIn(unitBodies().get(unitId)!)).not.toContain("lighthouse keeper tells Anna about the storm");
    await nav(page, "Run");
    await expect.poll(() => faulted.getAttribute("data-met"), { timeout: 20_000 }).toBe("false");

    await nav(page, "Review");
    await openRevision();
    await detail.getByRole("button", { name: "Reject" }).click();
    await expect.poll(() => detail.getAttribute("data-status")).toBe("rejected");
    expect(wordsIn(unitBodies().get(unitId)!)).toBe(wordsIn(original));
    await detail.getByRole("button", { name: "Undo reject" }).click();
    await expect.poll(() => detail.getAttribute("data-status")).toBe("pending");
  });

  it("checks the writer's own typing and continues at the cursor as a proposal inserted in one undo step", async () => {
    await nav(page, "Write");
    await page.getByRole("treeitem", { name: /^Chapter 8\b/ }).click();
    const ed = page.locator(".manuscript");
    await expect.poll(async () => (await ed.innerText()).trim().length).toBeGreaterThan(0);
    const checks = page.getByTestId("unit-checks");
    await checks.locator("summary").click();
    const ob = checks.getByTestId("unit-obligation");
    // the undone revision left the moment out (how sure the lexical check is depends on the salad around it)
    await ob.waitFor({ timeout: 20_000 });
    expect(await ob.getAttribute("data-met")).not.toBe("true");
    // the writer adds the required moment in their own words: the checklist follows
    await ed.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" At dusk the lighthouse keeper tells Anna about the storm.");
    await expect.poll(() => ob.getAttribute("data-met"), { timeout: 20_000 }).toBe("true");
    // on demand, the model checks too: a lexical match stays met, and nothing goes wrong
    await checks.getByRole("button", { name: "Check meaning with the model" }).click();
    await expect.poll(() => checks.getAttribute("data-deep"), { timeout: 30_000 }).toBe("done");
    expect(await checks.getByText("Checked with the model").count()).toBe(1);
    expect(await ob.getAttribute("data-met")).toBe("true");
    expect(await page.locator(".notice.warning").count()).toBe(0);

    const spans = () => ed.locator('[data-quire="ai"]').count();
    const text = async () => (await ed.innerText()).trim();
    const before = { text: await text(), spans: await spans() };
    await page.getByRole("button", { name: "Ask the model", exact: true }).click();
    await page.getByLabel("Ask the model to").selectOption("continue");
    await page.getByLabel("Words", { exact: true }).fill("40");
    await page.getByTestId("assist").getByRole("button", { name: "Write with the model", exact: true }).click();
    const proposal = page.getByTestId("assist-proposal");
    await expect.poll(() => proposal.getAttribute("data-status"), { timeout: 60_000 }).toBe("done");
    expect(await proposal.locator(".assist-text").innerText()).not.toBe("");
    await proposal.getByRole("button", { name: "Insert" }).click();
    await expect.poll(spans).toBeGreaterThan(before.spans);
    expect((await text()).length).toBeGreaterThan(before.text.length);
    await page.keyboard.press("Control+z");
    await expect.poll(text).toBe(before.text);
  });

  it("keeps a story bible whose mentions are counted per unit and highlighted in the editor", async () => {
    // the writer's sentence naming Anna reached the file (autosave)
    await expect.poll(() => [...unitBodies().values()].some((b) => b.includes("tells Anna about the storm")), { timeout: 20_000 }).toBe(true);
    await nav(page, "Story bible");
    await page.getByRole("button", { name: "New entry" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Anna");
    await page.getByLabel(/Aliases/).fill("Annie");
    await page.getByLabel(/Attributes/).fill("eyes: green");
    await page.getByRole("button", { name: "Add to the bible" }).click();
    const row = page.getByTestId("mention-matrix").getByRole("row", { name: /Anna/ });
    await row.waitFor();
    // Chapter 8 holds the writer's sentence naming her
    const chapter8 = await row.locator("td").nth(7).innerText();
    expect(Number(chapter8)).toBeGreaterThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);
    const bibleDir = join(ws.projectDir(), "bible");
    expect(readdirSync(bibleDir).some((n) => readFileSync(join(bibleDir, n), "utf8").includes("Annie"))).toBe(true);

    await nav(page, "Write");
    await page.getByRole("treeitem", { name: /^Chapter 8\b/ }).click();
    await expect.poll(() => page.locator('.manuscript .mention[data-mention="Anna"]').count()).toBeGreaterThan(0);
  });

  it("underlines a consistency finding in the writer's text, against the bible", async () => {
    await nav(page, "Story bible");
    await page.getByRole("button", { name: "Anna", exact: true }).click();
    await page.getByLabel(/Attributes/).fill("eyes: green\ndies: chapter 2");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await nav(page, "Write");
    await page.getByRole("treeitem", { name: /^Chapter 8\b/ }).click();
    const ed = page.locator(".manuscript");
    await ed.click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(' "Go home," Anna said.');
    await expect.poll(() => page.locator('[data-testid="unit-checks"] [data-monitor="consistency"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => ed.locator(".finding-mark").count()).toBeGreaterThan(0);
  });
});
