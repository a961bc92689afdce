/**
 * The studio as a writer lives in it (issue 18): quiet chrome with a command palette, the page
 * under its unit's title, calm checks whose dismissals last, a focus mode that leaves only the
 * text and gives the layout back, and a bible matrix that opens the unit where an entry appears.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startStudio, type StudioSession } from "./harness/studio-session";
import { menuItem, runCommand } from "./studio-ui";

let studio: StudioSession;
let page: Page;
const editor = () => page.locator(".manuscript");
const visible = (selector: string) => page.locator(selector).first().isVisible();

async function openUnit(title: string) {
  const item = page.getByRole("treeitem", { name: new RegExp(`^${title}`) });
  await item.click();
  const id = await item.getAttribute("data-unit-id");
  await page.locator(`.manuscript[data-unit-id="${id}"]:not([aria-busy])`).waitFor();
}

async function addUnit(button: RegExp, title: string) {
  await page.getByRole("button", { name: button }).first().click();
  const selected = page.locator('[role="treeitem"][aria-selected="true"]').filter({ hasText: /^New / });
  await selected.dblclick();
  const input = page.getByRole("textbox", { name: "Rename" });
  await input.fill(title);
  await input.press("Enter");
  await page.getByRole("treeitem", { name: new RegExp(`^${title}`) }).waitFor();
}

beforeAll(async () => {
  studio = await startStudio("design");
  page = studio.page;
  await page.goto(studio.server.url);
  await page.getByLabel("Title").fill("The Harbour");
  await page.getByLabel(/Unit levels/).fill("Chapter");
  await page.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("tree").waitFor({ state: "attached" });
  await addUnit(/^Add Chapter$/, "Low Water");
  await addUnit(/^Add Chapter$/, "The Pier");
});
afterAll(() => studio?.close());

describe("quiet chrome", () => {
  it("the top bar holds the way back to the projects, the screens, the palette and one menu; the page shows the unit's title above its text", async () => {
    const bar = page.getByRole("banner");
    const buttons = await bar.getByRole("button").evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim() || e.getAttribute("aria-label")));
    expect(buttons).toEqual(["Projects", "Write", "Brief", "Plan", "Run", "Review", "Story bible", expect.stringMatching(/Ctrl\+P/), "More"]);
    await openUnit("Low Water");
    expect(await page.getByTestId("unit-heading").innerText()).toBe("Low Water");
    // the title sits above the text, inside the page column
    const [head, text] = await Promise.all([page.getByTestId("unit-heading").boundingBox(), editor().boundingBox()]);
    expect(head!.y + head!.height).toBeLessThanOrEqual(text!.y);
    expect(Math.abs(head!.x - text!.x)).toBeLessThan(2);
    // no frame around the page, focused or not
    await editor().click();
    const outline = await editor().evaluate((e) => getComputedStyle(e).outlineStyle);
    expect(outline).toBe("none");
  });

  it("the Inspector shows only where it has something to show", async () => {
    expect(await page.getByRole("complementary", { name: "Inspector" }).count()).toBe(1);
    for (const screen of ["Brief", "Plan", "Run", "Review", "Story bible"]) {
      await page.getByRole("navigation", { name: "Screens" }).getByRole("button", { name: new RegExp(`^${screen}`) }).click();
      expect(await page.getByRole("complementary", { name: "Inspector" }).count(), screen).toBe(0);
    }
    await page.getByRole("navigation", { name: "Screens" }).getByRole("button", { name: "Write" }).click();
    await page.getByRole("complementary", { name: "Inspector" }).waitFor();
    await page.getByRole("button", { name: "Hide the Inspector" }).click();
    expect(await page.getByRole("complementary", { name: "Inspector" }).count()).toBe(0);
    await page.getByRole("button", { name: "Show the Inspector" }).click();
    await page.getByRole("complementary", { name: "Inspector" }).waitFor();
  });

  it("says in words why each snapshot was taken and what it counts", async () => {
    await openUnit("Low Water");
    const inspector = page.getByRole("complementary", { name: "Inspector" });
    await inspector.getByRole("button", { name: "Take snapshot" }).click();
    const line = inspector.locator(".snapshots li").first();
    await expect.poll(() => line.innerText(), { timeout: 10_000 }).toMatch(/· taken by you · \d+ words/);
  });

  it("the command palette reaches actions by name, each with its shortcut", async () => {
    await page.keyboard.press("Control+p");
    const palette = page.getByTestId("command-palette");
    await palette.waitFor();
    const options = palette.getByRole("option");
    const titles = await options.allInnerTexts();
    for (const name of ["Go to Plan", "Export", "Project settings", "Models", "Focus mode", "Typewriter scrolling", "Dim other paragraphs", "Dark theme", "Move to trash", "Take snapshot", "Check this unit now", "Bold", "Footnote", "Scene break", "Link"])
      expect(titles.some((t) => t.includes(name)), name).toBe(true);
    expect(titles.find((t) => t.includes("Focus mode"))).toContain("Ctrl+Shift+F");
    expect(titles.find((t) => t.includes("Export"))).toContain("Ctrl+Shift+X");
    await palette.getByRole("combobox").fill("settings");
    expect(await options.count()).toBeGreaterThan(0);
    await page.keyboard.press("Enter");
    await page.getByRole("dialog", { name: "Project settings" }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog", { name: "Project settings" }).waitFor({ state: "detached" });
    // shortcuts run the same commands
    await page.keyboard.press("Control+Shift+X");
    await page.getByRole("dialog", { name: "Export the manuscript" }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog", { name: "Export the manuscript" }).waitFor({ state: "detached" });
  });
});

describe("calm checks", () => {
  it("a unit in progress shows its progress, not errors; findings come on demand and a dismissal lasts across a reload", async () => {
    await openUnit("Low Water");
    const target = page.getByRole("complementary", { name: "Inspector" }).getByLabel("Target words");
    await target.fill("500");
    await target.blur();
    await editor().click();
    await page.keyboard.type("The tide went out and left the boats leaning on their keels.");
    const checks = page.getByTestId("unit-checks");
    await expect.poll(() => checks.getAttribute("data-mode"), { timeout: 20_000 }).toBe("progress");
    await expect.poll(() => page.getByTestId("unit-progress").innerText()).toMatch(/^12 of 500 words$/);
    // 12 of 500 is a start, not a problem: nothing in the attention colour, no finding, no mark in the text
    expect(await checks.locator(".attention").count()).toBe(0);
    expect(await page.getByTestId("unit-finding").count()).toBe(0);
    expect(await editor().locator(".finding-mark").count()).toBe(0);

    await runCommand(page, "Check this unit now");
    await expect.poll(() => checks.getAttribute("data-mode")).toBe("review");
    const finding = page.locator('[data-testid="unit-finding"][data-monitor="length"]');
    await finding.first().waitFor();
    await expect.poll(() => checks.locator("summary").innerText()).toMatch(/488 words short of the target/);
    await finding.first().getByRole("button", { name: /^Dismiss/ }).click();
    await expect.poll(() => page.locator('[data-testid="unit-finding"][data-monitor="length"]').count()).toBe(0);
    await page.getByTestId("dismissed-findings").waitFor();
    await expect.poll(() => {
      try {
        return JSON.parse(readFileSync(join(studio.ws.projectDir(), ".quire", "studio.json"), "utf8")).dismissedFindings.length;
      } catch {
        return 0;
      }
    }).toBe(1);

    await page.reload();
    await openUnit("Low Water");
    await page.getByTestId("unit-checks").waitFor({ timeout: 20_000 });
    await page.getByTestId("unit-checks").locator("summary").click();
    await page.getByRole("button", { name: "Mark done" }).click();
    await expect.poll(() => page.getByTestId("unit-checks").getAttribute("data-mode")).toBe("review");
    await page.getByTestId("dismissed-findings").waitFor();
    expect(await page.locator('[data-testid="unit-finding"][data-monitor="length"]').count()).toBe(0);
    // and it can be brought back
    await page.getByRole("button", { name: "Bring them back" }).click();
    await page.locator('[data-testid="unit-finding"][data-monitor="length"]').waitFor();
  });
});

/** A failed focus-mode step must not leave the next tests without a binder. */
async function leaveFocus() {
  if (await page.locator(".studio.focus").count()) await page.keyboard.press("Escape");
}

describe("focus mode", () => {
  afterEach(leaveFocus);

  it("hides everything but the text, keeps the caret's line steady, dims other paragraphs, and gives the layout back", async () => {
    await openUnit("The Pier");
    await editor().click();
    for (let i = 0; i < 24; i++) await page.keyboard.type(`Paragraph ${i} of the pier, the gulls waiting.\n`);
    const before = await page.evaluate(() => ({ binder: document.querySelector(".binder")?.getBoundingClientRect().width, main: document.querySelector(".main")?.getBoundingClientRect().toJSON() }));
    await runCommand(page, "Dim other paragraphs");
    await page.keyboard.press("Control+Shift+F");
    await page.locator(".studio.focus").waitFor();
    for (const sel of [".top-bar", ".binder", ".inspector", ".status-bar", ".toolbar", ".unit-head", ".unit-checks"]) expect(await visible(sel), sel).toBe(false);
    expect(await editor().isVisible()).toBe(true);
    // typing keeps the caret at a steady height (typewriter scrolling)
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" And the last words.");
    const caretAt = () =>
      page.evaluate(() => {
        const r = getSelection()!.getRangeAt(0).getBoundingClientRect();
        const box = document.querySelector(".main")!.getBoundingClientRect();
        return (r.top + r.bottom) / 2 / box.height;
      });
    await expect.poll(caretAt).toBeGreaterThan(0.35);
    expect(await caretAt()).toBeLessThan(0.55);
    // Ctrl+Home goes to the top even the moment the text takes focus (entering focus mode gives it
    // focus, and so does coming back to the window): the browser's own move was taken back there
    await editor().evaluate((e) => {
      e.blur();
      e.focus();
    });
    await page.keyboard.press("Control+Home");
    await expect.poll(() => editor().locator(":scope > .is-current-block").innerText()).toMatch(/^Paragraph 0/);
    expect(await editor().locator(":scope > .is-current-block").count()).toBe(1);
    const opacity = (sel: string) => editor().locator(sel).first().evaluate((e) => Number(getComputedStyle(e).opacity));
    await expect.poll(() => opacity(":scope > :not(.is-current-block)")).toBeLessThan(0.5);
    await expect.poll(() => opacity(":scope > .is-current-block")).toBe(1);

    await page.keyboard.press("Escape");
    await page.locator(".studio.focus").waitFor({ state: "detached" });
    for (const sel of [".top-bar", ".binder", ".inspector", ".status-bar", ".toolbar", ".unit-head"]) expect(await visible(sel), sel).toBe(true);
    const after = await page.evaluate(() => ({ binder: document.querySelector(".binder")?.getBoundingClientRect().width, main: document.querySelector(".main")?.getBoundingClientRect().toJSON() }));
    expect(after).toEqual(before);
    expect(await editor().evaluate((e) => e.contains(document.activeElement) || e === document.activeElement)).toBe(true);
    // out of focus mode nothing is dimmed
    expect(await editor().locator(":scope > .is-current-block").count()).toBe(0);
    await runCommand(page, "Dim other paragraphs");
  });
});

describe("the story bible's matrix", () => {
  it("names its columns by the units and opens the unit where an entry appears", async () => {
    await openUnit("The Pier");
    await editor().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Maren tied the rope.");
    await page.getByTestId("save-state").filter({ hasText: /^Saved$/ }).waitFor({ timeout: 15_000 });
    await page.getByRole("navigation", { name: "Screens" }).getByRole("button", { name: "Story bible" }).click();
    await page.getByRole("button", { name: "New entry" }).click();
    await page.getByLabel("Name", { exact: true }).fill("Maren");
    await page.getByRole("button", { name: "Add to the bible" }).click();
    const matrix = page.getByTestId("mention-matrix");
    await matrix.getByRole("row", { name: /Maren/ }).waitFor();
    expect(await matrix.getByRole("columnheader").allInnerTexts()).toEqual(expect.arrayContaining(["Low Water", "The Pier"]));
    await matrix.getByRole("button", { name: /mention of Maren in The Pier/ }).click();
    await expect.poll(() => page.getByTestId("unit-heading").innerText()).toBe("The Pier");
    await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe("Maren");
  });
});

describe("menus", () => {
  it("the menu's toggles say their state, and the theme command switches the palette of colours", async () => {
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await bg();
    await menuItem(page, "Dark theme");
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    expect(await bg()).not.toBe(light);
    await page.getByRole("banner").getByRole("button", { name: "More" }).click();
    const typewriter = page.getByRole("menuitemcheckbox", { name: "Typewriter scrolling" });
    expect(await typewriter.getAttribute("aria-checked")).toBe("true");
    await page.keyboard.press("Escape");
    await menuItem(page, "Light theme");
    await expect.poll(bg).toBe(light);
  });
});
