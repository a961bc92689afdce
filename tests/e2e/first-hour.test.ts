/**
 * A writer's first hour, in Chromium against browser mode, end to end: a project with parts, a
 * brief pasted in plain words, its plan accepted into the parts already there (no level twice), a
 * budget pinned that rebalancing leaves alone, a run whose summary is live while its first unit
 * is still being written (the realistic scripted model holds it open after 40 words), a cancel
 * and a reload with the binder telling the truth, the main loop by keyboard alone (open a unit,
 * type, switch unit, start a run), the calls of a drafted unit read in the call viewer, and the
 * project list reached from inside the book to open another project.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStudio, type StudioSession } from "./harness/studio-session";
import { nav, runStatus, runUnits } from "./drafting/flow";

let studio: StudioSession;
let page: Page;

const BRIEF = [
  "A quiet mystery of about 3,000 words, in two parts of three chapters each.",
  "",
  "Mara, the lighthouse keeper's daughter, finds a drowned stranger on the rocks below the lamp and the letters in his coat.",
  "",
  "In chapter 2, Mara reads the stranger's letters. The storm breaks in the last chapter.",
  "",
  "Keep the voice wry and the island small.",
].join("\n");

const tree = () => page.getByRole("tree", { name: "Binder" });
const rows = () =>
  tree()
    .getByRole("treeitem")
    .evaluateAll((els) => els.map((e) => `${e.getAttribute("aria-level")}:${e.querySelector(".unit-title")?.textContent}`));
const binder = () => page.getByRole("navigation", { name: "Binder" });
const active = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { role: el?.getAttribute("role") ?? el?.tagName.toLowerCase() ?? "", text: (el as HTMLElement | null)?.innerText?.slice(0, 60) ?? "", manuscript: !!el?.closest(".manuscript") };
  });

async function renameSelected(title: string) {
  const selected = tree().locator('[role="treeitem"][aria-selected="true"]');
  await selected.filter({ hasText: /^New / }).waitFor();
  await selected.focus();
  await page.keyboard.press("F2");
  const input = page.getByRole("textbox", { name: "Rename" });
  await input.fill(title);
  await input.press("Enter");
  await tree().getByRole("treeitem", { name: title, exact: true }).waitFor();
}

beforeAll(async () => {
  studio = await startStudio("first-hour", { realistic: { holds: [{ unit: "Chapter 1", afterWords: 40 }] } });
  page = studio.page;
});

afterAll(() => studio?.close());

describe("a writer's first hour", () => {
  it("goes from a project with parts to a drafted book by the ways a writer takes", async () => {
    // another book first, to come back to at the end
    await page.goto(studio.server.url);
    await page.getByLabel("Title").fill("Old Notes");
    await page.getByLabel(/Unit levels/).fill("Chapter");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect.poll(() => page.locator(".project-title").innerText()).toBe("Old Notes");

    // a new project with parts, from inside the book
    await page.getByRole("banner").getByRole("button", { name: "Projects" }).click();
    const projects = page.getByRole("dialog", { name: "Projects" });
    await projects.getByLabel("Title").first().fill("Harbour Lights");
    await projects.getByLabel(/Unit levels/).first().fill("Part, Chapter");
    await projects.getByLabel("Target words").first().fill("80000");
    await projects.getByRole("button", { name: "Create project" }).click();
    await expect.poll(() => page.locator(".project-title").innerText()).toBe("Harbour Lights");
    await binder().getByRole("button", { name: "Add Part", exact: true }).click();
    await renameSelected("The Rocks");
    await binder().getByRole("button", { name: "Add Part", exact: true }).click();
    await renameSelected("The Storm");
    expect(await rows()).toEqual(["1:The Rocks", "1:The Storm"]);

    // the brief, pasted as written: the form keeps the project's title and says each thing once
    await nav(page, "Brief");
    const summary = page.getByText("Paste a brief in your own words");
    await summary.waitFor();
    const paste = page.getByLabel(/Describe the book/);
    if (!(await paste.isVisible())) await summary.click();
    await paste.fill(BRIEF);
    await page.getByRole("button", { name: "Fill the form from this" }).click();
    await page.getByRole("button", { name: "Confirm and save brief" }).waitFor();
    expect(await page.locator(".brief-screen").getByLabel(/^Title/).inputValue()).toBe("Harbour Lights");
    expect(await page.getByLabel("Other instructions").inputValue()).toBe("Keep the voice wry and the island small.");
    // one target for the book: the project's 80,000 and the brief's 3,000 differ, and the writer says which holds
    const differ = page.getByTestId("targets-differ");
    await differ.getByRole("button", { name: /^The brief's: 3,000/ }).click();
    await expect.poll(() => differ.count()).toBe(0);
    await expect.poll(() => page.locator(".status-bar").innerText()).toContain("Project 0 / 3,000 words");
    await page.getByRole("button", { name: "Confirm and save brief" }).click();
    await page.getByTestId("brief-status").filter({ hasText: "Brief saved" }).waitFor();

    // the plan, accepted into the parts already there: merged level by level, no Part twice
    await nav(page, "Plan");
    await page.getByRole("button", { name: /Build the plan|Rebuild from the brief/ }).click();
    await page.getByTestId("plan-unit").first().waitFor();
    // from the palette, as from the button: it asks where the plan goes
    await page.keyboard.press("Control+p");
    await page.keyboard.type("Accept the plan");
    await page.keyboard.press("Enter");
    const where = page.getByTestId("accept-plan");
    await expect.poll(() => where.getByRole("radio", { name: /^Merge/ }).isChecked()).toBe(true);
    await where.getByRole("button", { name: "Accept the plan here" }).click();
    await expect.poll(async () => (await rows()).length).toBe(8);
    const after = await rows();
    expect(after.filter((r) => r.startsWith("1:"))).toEqual(["1:The Rocks", "1:The Storm"]);
    expect(after.filter((r) => r.startsWith("2:"))).toHaveLength(6);
    expect(after.filter((r) => r.startsWith("3:"))).toEqual([]);

    // a budget the writer sets is pinned, and rebalancing around the next one leaves it alone
    const leaves = page.locator('[data-testid="plan-unit"].leaf');
    expect(await leaves.count()).toBe(6);
    expect(await page.getByRole("checkbox", { name: "Rebalance the other budgets" }).isChecked()).toBe(true);
    const third = leaves.nth(2).locator(".budget-input");
    await third.fill("700");
    await third.press("Enter");
    await expect.poll(() => leaves.nth(2).getByTestId("budget-pin").getAttribute("aria-pressed")).toBe("true");
    const firstBudget = leaves.nth(0).locator(".budget-input");
    await firstBudget.fill("300");
    await firstBudget.press("Enter");
    await expect.poll(() => leaves.nth(0).getByTestId("budget-pin").getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => page.getByTestId("plan-total").getAttribute("data-holds")).toBe("true");
    expect(await third.inputValue()).toBe("700");
    expect(await firstBudget.inputValue()).toBe("300");

    // a run, one unit at a time: the summary is live while Chapter 1 is still being written
    await nav(page, "Run");
    // planned without the model: the run says what the units will be drafted from before it starts
    expect(await page.getByTestId("run-unplanned").innerText()).toMatch(/^\d+ units have no summary: they will be drafted from the brief/);
    await page.getByLabel("Units at once").fill("1");
    await page.getByRole("button", { name: /^Start/ }).click();
    await expect.poll(async () => (await runUnits(page)).find((u) => u.state === "drafting")?.words ?? 0).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId("run-words").innerText()).toMatch(/^[1-9]/);
    await expect.poll(() => page.getByTestId("run-units").innerText()).toMatch(/^0 of 6 units · 1 being written/);
    await expect.poll(() => page.getByTestId("tokens-per-second").innerText()).not.toMatch(/^0\.0 /);
    await expect.poll(() => page.getByTestId("run-eta").innerText()).not.toBe("ETA —");
    expect(await page.getByTestId("run-concurrency").innerText()).toMatch(/^1 of 1 at once/);

    // cancel and reload: nothing left saying "queued", each unit not drafted
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await expect.poll(() => runStatus(page)).toBe("cancelled");
    // a stopped run neither promises a time left nor reads as going at some speed now
    await expect.poll(() => page.getByTestId("run-eta").count()).toBe(0);
    expect(await page.getByTestId("tokens-per-second").innerText()).toMatch(/^averaged /);
    await page.reload();
    await tree().waitFor();
    await nav(page, "Run");
    await page.getByTestId("run-unit").first().waitFor();
    expect((await runUnits(page)).map((u) => u.state)).toEqual(Array(6).fill("stopped"));
    expect(await page.getByTestId("unit-queued").count()).toBe(0);

    // the main loop by keyboard alone: into the binder, open a unit, type, switch unit, type, start a run
    await page.keyboard.press("Control+1");
    await page.keyboard.press("Control+Shift+E");
    if ((await active()).role !== "treeitem") await page.keyboard.press("Control+Shift+E");
    await expect.poll(async () => (await active()).role).toBe("treeitem");
    await page.keyboard.press("Home");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await active()).manuscript, { timeout: 10_000 }).toBe(true);
    await page.keyboard.type("Fog on the glass of the lamp-room.");
    await page.keyboard.press("Control+Shift+E");
    await expect.poll(async () => (await active()).role).toBe("treeitem");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await active()).manuscript, { timeout: 10_000 }).toBe(true);
    await page.keyboard.type("The tide came in over the causeway.");
    await expect.poll(() => studio.ws.manuscriptText()).toContain("The tide came in over the causeway.");
    expect(studio.ws.manuscriptText()).toContain("Fog on the glass of the lamp-room.");
    await page.keyboard.press("Control+p");
    await page.keyboard.type("Start a new run");
    await page.keyboard.press("Enter");
    await expect.poll(() => runStatus(page), { timeout: 120_000 }).toMatch(/^(done|finished-with-failures)$/);
    const drafted = (await runUnits(page)).filter((u) => u.state === "done");
    expect(drafted.length).toBeGreaterThan(0);

    // what went in and what came out of a drafted unit's calls
    const row = page.locator('[data-testid="run-unit"][data-state="done"]').first();
    await row.getByRole("button", { name: /^The model's calls for / }).click();
    const viewer = page.getByTestId("call-viewer");
    await viewer.getByTestId("call-item").first().waitFor();
    await viewer.getByTestId("call-item").first().click();
    await expect.poll(() => viewer.getByTestId("call-section").count()).toBeGreaterThan(0);
    expect(await viewer.getByTestId("call-detail").innerText()).toContain("Mara");
    expect(await viewer.getByTestId("call-section").locator("summary").allInnerTexts()).toEqual(expect.arrayContaining(["The book", "This unit's plan", "Length"]));
    expect((await viewer.getByTestId("call-output").innerText()).length).toBeGreaterThan(0);
    await page.keyboard.press("Escape");

    // back to the project list, and into the other book
    await page.getByRole("banner").getByRole("button", { name: "Projects" }).click();
    await page.getByRole("dialog", { name: "Projects" }).getByRole("button", { name: /Old Notes/ }).click();
    await expect.poll(() => page.locator(".project-title").innerText()).toBe("Old Notes");
    expect(await rows()).toEqual([]);
  });
});
