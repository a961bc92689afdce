/**
 * axe-core on every screen and every dialog of the studio, in both themes: no serious or critical
 * violation (contrast included). A real drafting run (the generated test model, one obligation
 * left out on purpose so a revision waits in Review) gives the run and review screens their
 * charts and diffs; a killed server gives the recovery dialog. Each theme switch is proven by the
 * page's colours, not by the button that asked for it.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestModel } from "../fixtures/gguf/test-model";
import { crashWithUnsavedText } from "./harness/crash";
import { launchBrowser } from "./harness/browser";
import { startTestServer, type RunningServer } from "./harness/quire-server";
import { makeWorkspace } from "./harness/workspace";
import { buildPlan, createProject, fillBriefFromText, nav, saveBrief, seriousViolations } from "./drafting/flow";
import { createAnotherProject, menuItem, runCommand } from "./studio-ui";

const BRIEF = [
  "# The Island",
  "",
  "A novel of 4 chapters and 1,600 words. Anna returns to the island where she grew up.",
  "",
  "In chapter 2, Anna finds the letter hidden in the piano.",
  "In chapter 3, the lighthouse keeper tells Anna about the storm.",
].join("\n");

const ws = makeWorkspace("a11y");
let server: RunningServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let modelPath: string;
const start = (port?: number) =>
  // the test entry's fault injector leaves chapter 2's moment out, so its revision waits in Review
  startTestServer({
    dataDir: ws.dataDir,
    projectsDir: ws.projectsDir,
    port,
    model: modelPath,
    omit: ["Anna finds the letter hidden in the piano"],
    env: { QUIRE_LLM_THREADS: "1" },
  });

type Theme = "light" | "dark";
const themeNow = () => page.evaluate(() => document.documentElement.dataset.theme);
const paper = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const checked: string[] = [];

/** Serious and critical violations, labelled with where they were found. */
async function audit(where: string): Promise<string[]> {
  checked.push(where);
  return (await seriousViolations(page)).map((v) => `${where}: ${v}`);
}

/** Switches theme through the studio's own command and proves it took: the attribute and the page's colour. */
async function useTheme(theme: Theme, viaPicker = false) {
  if ((await themeNow()) === theme) return;
  const before = await paper();
  if (viaPicker) await page.getByRole("button", { name: theme === "dark" ? "Dark theme" : "Light theme" }).click();
  else await runCommand(page, theme === "dark" ? "Dark theme" : "Light theme");
  await expect.poll(themeNow).toBe(theme);
  await expect.poll(paper).not.toBe(before);
}

beforeAll(async () => {
  modelPath = await makeTestModel({ params: "1M", variant: "whole" });
  server = await start();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1360, height: 900 });
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  ws.cleanup();
});

describe("accessibility (axe-core), every screen and dialog in both themes", () => {
  it("the project picker", async () => {
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Quire" }).waitFor();
    const found: string[] = [];
    for (const theme of ["light", "dark"] as const) {
      await useTheme(theme, true);
      found.push(...(await audit(`picker/${theme}`)));
    }
    await useTheme("light", true);
    expect(found).toEqual([]);
  });

  it("a book drafted end to end, for the screens to show what they hold", async () => {
    await createProject(page, server.url, "The Island");
    await fillBriefFromText(page, BRIEF);
    await saveBrief(page);
    await buildPlan(page);
    await page.getByRole("button", { name: "Accept the plan" }).click();
    await page.getByRole("button", { name: "Draft it" }).click();
    await page.getByLabel("Units at once").fill("2");
    await page.getByRole("button", { name: "Start drafting" }).click();
    await page.locator('[data-testid="run-status"][data-status="done"]').waitFor({ timeout: 170_000 });
    await nav(page, "Story bible");
    await page.getByRole("button", { name: "New entry" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Anna");
    await page.getByRole("button", { name: "Add to the bible" }).click();
    await page.getByTestId("mention-matrix").waitFor();
  });

  it("every screen, in both themes", async () => {
    const found: string[] = [];
    for (const theme of ["light", "dark"] as const) {
      await useTheme(theme);
      await nav(page, "Write");
      await page.getByRole("treeitem").nth(1).click();
      await page.locator(".manuscript p").first().waitFor();
      const checks = page.getByTestId("unit-checks");
      await checks.waitFor({ timeout: 20_000 });
      if ((await checks.getAttribute("open")) === null) await checks.locator("summary").click();
      await page.getByRole("button", { name: "Ask the model", exact: true }).click();
      found.push(...(await audit(`write/${theme}`)));
      await page.getByRole("button", { name: "Ask the model", exact: true }).click();

      await page.keyboard.press("Control+Shift+F");
      await page.locator(".studio.focus").waitFor();
      found.push(...(await audit(`focus mode/${theme}`)));
      await page.keyboard.press("Escape");
      await page.locator(".studio.focus").waitFor({ state: "detached" });

      await nav(page, "Brief");
      await page.getByTestId("brief-status").waitFor({ state: "attached" });
      found.push(...(await audit(`brief/${theme}`)));
      await nav(page, "Plan");
      await page.getByTestId("plan-unit").first().waitFor();
      found.push(...(await audit(`plan/${theme}`)));
      await nav(page, "Run");
      await page.getByTestId("length-chart").waitFor();
      found.push(...(await audit(`run/${theme}`)));
      await nav(page, "Review");
      await page.getByTestId("proposal").first().getByRole("button").first().click();
      await page.getByTestId("proposal-detail").waitFor();
      found.push(...(await audit(`review/${theme}`)));
      await page.getByLabel("Side by side").check();
      found.push(...(await audit(`review side by side/${theme}`)));
      await page.getByLabel("Side by side").uncheck();
      await nav(page, "Story bible");
      await page.getByTestId("mention-matrix").waitFor();
      await page.getByRole("button", { name: "Anna", exact: true }).click();
      found.push(...(await audit(`story bible/${theme}`)));
    }
    expect(found).toEqual([]);
  });

  it("the run's length chart draws each drafted unit as a bar from the axis to its length", async () => {
    await nav(page, "Run");
    await page.getByTestId("length-chart").waitFor();
    const bars = await page.getByTestId("length-chart-unit").evaluateAll((groups) => {
      // the axis: the lowest grid line (the zero tick)
      const axis = Math.max(...[...document.querySelectorAll('[data-testid="length-chart"] line.grid')].map((l) => l.getBoundingClientRect().top));
      return groups.map((g) => {
        const bar = g.querySelector("rect.bar")?.getBoundingClientRect();
        const target = g.querySelector("line.target")!.getBoundingClientRect();
        return bar ? { foot: bar.bottom - axis, reach: (axis - bar.top) / (axis - target.top) } : null;
      });
    });
    const drawn = bars.filter((b) => b !== null);
    expect(drawn.length).toBeGreaterThan(0);
    for (const b of drawn) {
      // it stands on the axis, and a unit drafted to length reaches about to its target line
      expect(Math.abs(b!.foot)).toBeLessThan(2);
      expect(b!.reach).toBeGreaterThan(0.75);
      expect(b!.reach).toBeLessThan(1.25);
    }
  });

  it("every dialog and menu, in both themes", async () => {
    const found: string[] = [];
    // a unit in the trash, for the trash dialog to list
    await nav(page, "Write");
    const rows = page.getByRole("treeitem");
    const before = await rows.count();
    const trashed = (await rows.last().locator(".unit-title").innerText()).trim();
    await rows.last().click();
    await page.getByRole("button", { name: "Move to trash" }).click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(before - 1);
    for (const theme of ["light", "dark"] as const) {
      await useTheme(theme);
      await nav(page, "Write");
      await page.locator(".manuscript p").first().waitFor();

      await page.keyboard.press("Control+p");
      await page.getByTestId("command-palette").waitFor();
      found.push(...(await audit(`command palette/${theme}`)));
      await page.keyboard.press("Escape");
      await page.getByTestId("command-palette").waitFor({ state: "detached" });

      await page.getByRole("banner").getByRole("button", { name: "More" }).click();
      await page.getByRole("menu", { name: "More" }).waitFor();
      found.push(...(await audit(`menu/${theme}`)));
      await page.keyboard.press("Escape");

      for (const [command, name] of [
        ["Project settings", "Project settings"],
        ["Export", "Export the manuscript"],
        ["Models", "Models"],
      ] as const) {
        await menuItem(page, command);
        const dialog = page.getByRole("dialog", { name });
        await dialog.waitFor();
        if (name === "Models") await dialog.getByTestId("system-summary").waitFor({ timeout: 60_000 });
        found.push(...(await audit(`${name} dialog/${theme}`)));
        await page.keyboard.press("Escape");
        await dialog.waitFor({ state: "detached" });
      }

      // the projects list, the trash (holding the unit trashed above) and the model's calls for a drafted unit
      await runCommand(page, "Projects");
      const projects = page.getByTestId("projects-dialog");
      await projects.getByText("The Island").first().waitFor();
      found.push(...(await audit(`Projects dialog/${theme}`)));
      await page.keyboard.press("Escape");
      await projects.waitFor({ state: "detached" });

      await page.getByRole("button", { name: "Trash", exact: true }).click();
      const trash = page.getByRole("dialog", { name: "Trash" });
      await trash.getByRole("button", { name: `Restore “${trashed}”` }).waitFor();
      found.push(...(await audit(`Trash dialog/${theme}`)));
      await page.keyboard.press("Escape");
      await trash.waitFor({ state: "detached" });

      await page.getByRole("treeitem").nth(1).click();
      await page.locator(".manuscript p").first().waitFor();
      await runCommand(page, "Show the model's calls");
      const calls = page.getByRole("dialog", { name: /The model's calls/ });
      await calls.getByTestId("call-item").first().click({ timeout: 20_000 });
      await calls.getByTestId("call-detail").waitFor();
      found.push(...(await audit(`calls dialog/${theme}`)));
      await page.keyboard.press("Escape");
      await calls.waitFor({ state: "detached" });

      // a question the studio asks in its own dialog: the link's address
      await page.locator(".manuscript").click();
      await page.keyboard.press("Control+k");
      const question = page.getByRole("dialog", { name: "Link" });
      await question.waitFor();
      await question.getByRole("textbox").fill("not a link");
      await question.getByRole("button", { name: "Set link" }).click();
      await question.getByRole("alert").waitFor();
      found.push(...(await audit(`question dialog/${theme}`)));
      await page.keyboard.press("Escape");
      await question.waitFor({ state: "detached" });
    }
    expect(found).toEqual([]);
  });

  it("the recovery dialog after a crash, in both themes", async () => {
    await nav(page, "Write");
    const ed = page.locator(".manuscript");
    await ed.click();
    await page.keyboard.press("Control+End");
    await crashWithUnsavedText(page, server, ws.projectDir(), "Kept through the crash");
    await page.close();
    server = await start(server.port);
    page = await browser.context.newPage();
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.goto(server.url);
    const dialog = page.getByRole("dialog", { name: /Unsaved edits were recovered/ });
    await dialog.waitFor();
    const found: string[] = [];
    const theme = (await themeNow()) as Theme;
    found.push(...(await audit(`recovery dialog/${theme}`)));
    // the dialog waits for an answer, so the other theme is applied as the theme command would
    const other: Theme = theme === "dark" ? "light" : "dark";
    const before = await paper();
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), other);
    await expect.poll(paper).not.toBe(before);
    found.push(...(await audit(`recovery dialog/${other}`)));
    await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    await dialog.getByRole("button", { name: "Restore" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(found).toEqual([]);
  });

  it("the question where a plan goes in a book that already has units, in both themes", async () => {
    // a second project with a chapter of its own: accepting its plan asks where the plan goes
    await useTheme("light");
    await createAnotherProject(page, "Second Island");
    await page.getByRole("navigation", { name: "Binder" }).getByRole("button", { name: "Add Chapter", exact: true }).click();
    await expect.poll(() => page.getByRole("treeitem").count(), { timeout: 10_000 }).toBe(1);
    await fillBriefFromText(page, BRIEF);
    await saveBrief(page);
    await buildPlan(page);
    await page.getByRole("button", { name: "Accept the plan", exact: true }).click();
    const where = page.getByRole("dialog", { name: "Where does the plan go?" });
    await where.waitFor();
    const found: string[] = [];
    const light = await paper();
    found.push(...(await audit("accept plan dialog/light")));
    // the dialog holds the keys, so the other theme is set on the page as the theme command sets it
    await page.evaluate(() => (document.documentElement.dataset.theme = "dark"));
    await expect.poll(paper).not.toBe(light);
    found.push(...(await audit("accept plan dialog/dark")));
    await page.evaluate(() => (document.documentElement.dataset.theme = "light"));
    await where.getByRole("button", { name: "Cancel" }).click();
    await where.waitFor({ state: "detached" });
    expect(found).toEqual([]);
    // back to the drafted book for what follows
    await runCommand(page, "Projects");
    await page.getByRole("dialog", { name: "Projects" }).getByRole("button", { name: /^The Island/ }).click();
    await page.locator(".project-title").filter({ hasText: "The Island" }).waitFor();
  });

  it("covered every screen and dialog in both themes", () => {
    const places = new Set(checked.map((c) => c.split("/")[0]));
    for (const p of ["picker", "write", "focus mode", "brief", "plan", "run", "review", "story bible", "command palette", "menu", "Project settings dialog", "Export the manuscript dialog", "Models dialog", "question dialog", "recovery dialog", "Projects dialog", "Trash dialog", "calls dialog", "accept plan dialog"]) {
      expect(places.has(p), p).toBe(true);
      expect(checked.filter((c) => c.startsWith(`${p}/`)).map((c) => c.split("/")[1]).sort(), p).toEqual(["dark", "light"]);
    }
  });
});

describe("the binder is a keyboard-navigable tree", () => {
  it("arrows move through it", async () => {
    await page.getByRole("treeitem").first().waitFor();
    const items = page.getByRole("treeitem");
    await items.first().focus();
    const focusedIndex = () => page.evaluate(() => [...document.querySelectorAll('[role="treeitem"]')].indexOf(document.activeElement!));
    await page.keyboard.press("ArrowDown");
    await expect.poll(focusedIndex).toBe(1);
    await page.keyboard.press("Home");
    await expect.poll(focusedIndex).toBe(0);
  });
});
