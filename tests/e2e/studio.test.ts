import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crashWithUnsavedText } from "./harness/crash";
import { startQuireServer } from "./harness/quire-server";
import { startStudio, type StudioSession } from "./harness/studio-session";
import { menuItem } from "./studio-ui";

let studio: StudioSession;
let page: Page;

const treeItem = (title: string) => page.getByRole("treeitem", { name: new RegExp(title) });
const editor = () => page.locator(".manuscript");

/** Selects a unit in the binder and waits until the editor shows it, as a writer would before typing. */
async function openUnit(title: string) {
  const item = treeItem(title);
  await item.click();
  const id = await item.getAttribute("data-unit-id");
  await page.locator(`.manuscript[data-unit-id="${id}"]:not([aria-busy])`).waitFor();
}

async function addAndRename(buttonName: RegExp, title: string) {
  await page.getByRole("button", { name: buttonName }).first().click();
  // the new unit is selected once the backend created it
  const selected = page.locator('[role="treeitem"][aria-selected="true"]').filter({ hasText: /^New / });
  await selected.dblclick();
  const input = page.getByRole("textbox", { name: "Rename" });
  await input.fill(title);
  await input.press("Enter");
  await treeItem(title).waitFor();
}

async function savedState() {
  await page.getByTestId("save-state").filter({ hasText: /^Saved$/ }).waitFor({ timeout: 15_000 });
}

beforeAll(async () => {
  studio = await startStudio("studio");
  page = studio.page;
});

afterAll(() => studio?.close());

describe("the studio in browser mode", () => {
  it("creates a project and builds a nested structure with any level names", async () => {
    await page.goto(studio.server.url);
    await page.getByLabel("Title").fill("The Lighthouse");
    await page.getByLabel(/Unit levels/).fill("Part, Chapter, Scene");
    await page.getByLabel("Target words").fill("90000");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("tree").waitFor({ state: "attached" });

    await addAndRename(/^Add Part$/, "Part One");
    await addAndRename(/^Add Chapter inside$/, "The Keeper");
    await addAndRename(/^Add Scene inside$/, "Night Watch");
    await openUnit("The Keeper");
    await addAndRename(/^Add Scene inside$/, "Morning Fog");

    const items = await page.getByRole("treeitem").evaluateAll((els) =>
      els.map((e) => `${e.getAttribute("aria-level")}:${e.querySelector(".unit-title")?.textContent}`),
    );
    expect(items).toEqual(["1:Part One", "2:The Keeper", "3:Night Watch", "3:Morning Fog"]);
  });

  it("keeps text, structure and counts across unit switches and a reload", async () => {
    await openUnit("Night Watch");
    await editor().click();
    await page.keyboard.type("The lamp turned all night while the sea kept its counsel.");
    await openUnit("Morning Fog");
    await editor().click();
    await page.keyboard.type("Fog came in at dawn.");
    await openUnit("Night Watch");
    await expect.poll(() => editor().innerText()).toContain("The lamp turned all night");
    await expect.poll(() => page.getByTestId("unit-words").innerText()).toMatch(/^11 /);
    // the binder counts live: the scene, and its chapter and part summing their scenes
    const binderCount = (title: string) => treeItem(title).locator(".unit-words").first().innerText();
    await editor().press("End");
    await page.keyboard.type(" Then morning.");
    await expect.poll(() => binderCount("Night Watch")).toBe("13");
    await expect.poll(() => binderCount("The Keeper")).toBe("18");
    await expect.poll(() => binderCount("Part One")).toBe("18");
    for (let i = 0; i < " Then morning.".length; i++) await page.keyboard.press("Backspace");
    await expect.poll(() => binderCount("Night Watch")).toBe("11");
    await expect.poll(() => binderCount("Part One")).toBe("16");
    await savedState();

    await page.reload();
    await page.getByRole("tree").waitFor({ state: "attached" });
    const titles = await page.locator(".unit-title").allInnerTexts();
    expect(titles).toEqual(["Part One", "The Keeper", "Night Watch", "Morning Fog"]);
    await openUnit("Morning Fog");
    await expect.poll(() => editor().innerText()).toContain("Fog came in at dawn.");
    await expect.poll(() => page.getByTestId("project-words").innerText()).toMatch(/Project 16 \/ 90,000/);
    expect(studio.ws.manuscriptText()).toContain("Fog came in at dawn.");
  });

  it("reorders units from the keyboard", async () => {
    await treeItem("Morning Fog").focus();
    await page.keyboard.press("Alt+ArrowUp");
    await expect
      .poll(() => page.locator(".unit-title").allInnerTexts())
      .toEqual(["Part One", "The Keeper", "Morning Fog", "Night Watch"]);
  });

  it("notices a manuscript file edited outside Quire and reloads it", async () => {
    await openUnit("Night Watch");
    await savedState();
    const dir = join(studio.ws.projectDir(), "manuscript");
    const file = readdirSync(dir).find((n) => readFileSync(join(dir, n), "utf8").includes("The lamp turned"))!;
    const text = readFileSync(join(dir, file), "utf8");
    writeFileSync(join(dir, file), text.replace("The lamp turned all night", "The lamp failed at midnight"));
    await expect.poll(() => editor().innerText(), { timeout: 15_000 }).toContain("The lamp failed at midnight");
  });

  it("offers back edits that were not on disk when the server was killed", async () => {
    await openUnit("Night Watch");
    await editor().click();
    await page.keyboard.press("End");
    const unsaved = await crashWithUnsavedText(page, studio.server, studio.ws.projectDir(), "Recovered sentence survives the crash");
    // the whole studio went down: the tab with the unsaved text is gone too
    await page.close();

    studio.server = await startQuireServer({ dataDir: studio.ws.dataDir, projectsDir: studio.ws.projectsDir, port: studio.server.port });
    const fresh = await studio.browser.context.newPage();
    page = fresh;
    // the studio reopens the project it had open
    await fresh.goto(studio.server.url);
    const dialog = fresh.getByRole("dialog", { name: /Unsaved edits were recovered/ });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Restore" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => studio.ws.manuscriptText()).toContain(unsaved);
  });

  it("formatting, a footnote and a scene break reach the Markdown file and survive a reload", async () => {
    await openUnit("Morning Fog");
    await editor().click();
    await page.keyboard.press("Control+End");
    await page.getByRole("button", { name: "Scene break" }).click();
    await page.keyboard.type("A ");
    await page.keyboard.press("Control+i");
    await page.keyboard.type("slanted");
    await page.keyboard.press("Control+i");
    await page.keyboard.type(" word");
    await page.getByRole("button", { name: "Footnote" }).click();
    await page.keyboard.type("A note on fog.");
    await savedState();
    const md = studio.ws.manuscriptText();
    expect(md).toMatch(/Fog came in at dawn\.\n\n\*\*\*\n\nA \*slanted\* word\[\^1\]/);
    expect(md).toMatch(/\[\^1\]: A note on fog\./);
    await page.reload();
    await expect.poll(() => editor().locator("em").first().innerText()).toBe("slanted");
    await expect.poll(() => editor().locator(".footnote-def").innerText()).toContain("A note on fog.");
    expect(await editor().locator("hr").count()).toBe(1);
  });

  it("moves a unit to the trash and brings it back with undo", async () => {
    await openUnit("Morning Fog");
    await page.getByRole("button", { name: "Move to trash" }).click();
    await expect.poll(() => page.locator(".unit-title").allInnerTexts()).not.toContain("Morning Fog");
    expect(studio.ws.manuscriptText()).not.toContain("Fog came in at dawn.");
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => page.locator(".unit-title").allInnerTexts()).toContain("Morning Fog");
    await expect.poll(() => studio.ws.manuscriptText()).toContain("Fog came in at dawn.");
  });

  it("a deadline turns the project target into words a day", async () => {
    await menuItem(page, "Project settings");
    const dialog = page.getByRole("dialog", { name: "Project settings" });
    const inTenDays = new Date(Date.now() + 9 * 86_400_000);
    const iso = `${inTenDays.getFullYear()}-${String(inTenDays.getMonth() + 1).padStart(2, "0")}-${String(inTenDays.getDate()).padStart(2, "0")}`;
    await dialog.getByLabel("Deadline").fill(iso);
    await dialog.getByRole("button", { name: "Save" }).click();
    const words = Number((await page.getByTestId("project-words").innerText()).match(/Project ([\d,]+)/)![1]!.replace(/,/g, ""));
    const expected = Math.ceil((90_000 - words) / 10);
    await expect.poll(() => page.locator(".status-bar").innerText()).toContain(`${expected.toLocaleString("en-US")} a day for 10 days`);
    expect(JSON.parse(readFileSync(join(studio.ws.projectDir(), "quire.json"), "utf8")).deadline).toBe(iso);
  });

  it("model-written text keeps its mark through editing and saving, and is counted apart", async () => {
    await openUnit("Night Watch");
    await savedState();
    const dir = join(studio.ws.projectDir(), "manuscript");
    const file = readdirSync(dir).find((n) => readFileSync(join(dir, n), "utf8").includes("title: Night Watch"))!;
    const text = readFileSync(join(dir, file), "utf8");
    writeFileSync(join(dir, file), `${text.trimEnd()}\n\n<span data-quire="ai">The model wrote these six words.</span>\n`);
    await expect.poll(() => editor().innerText(), { timeout: 15_000 }).toContain("The model wrote these six words.");
    await expect.poll(() => page.getByTestId("model-words").innerText()).toMatch(/ 6 by the model/);
    await editor().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.press("Enter");
    await page.keyboard.type("My own reply.");
    await savedState();
    const md = readFileSync(join(dir, file), "utf8");
    expect(md).toContain('<span data-quire="ai">The model wrote these six words.</span>');
    expect(md).toMatch(/\n\nMy own reply\.\n?$/);
    await menuItem(page, "Show model text");
    expect(await editor().locator(".model-text").count()).toBe(1);
  });
});
