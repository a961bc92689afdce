/**
 * A writer's everyday mishaps, in Chromium against browser mode (issue 16): each case is one a
 * writer hit in an hour with the studio, and each asserts what the writer sees and what reaches
 * the files, never how the code gets there.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStudio, type StudioSession } from "./harness/studio-session";
import { runCommand } from "./studio-ui";

let studio: StudioSession;
let page: Page;

const treeItem = (title: string) => page.getByRole("treeitem", { name: new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) });
const editor = () => page.locator(".manuscript");

async function openUnit(title: string) {
  const item = treeItem(title);
  await item.click();
  const id = await item.getAttribute("data-unit-id");
  await page.locator(`.manuscript[data-unit-id="${id}"]:not([aria-busy])`).waitFor();
}

async function addAndRename(buttonName: RegExp, title: string) {
  await page.getByRole("button", { name: buttonName }).first().click();
  const selected = page.locator('[role="treeitem"][aria-selected="true"]').filter({ hasText: /^New / });
  await selected.dblclick();
  const input = page.getByRole("textbox", { name: "Rename" });
  await input.fill(title);
  await input.press("Enter");
  await treeItem(title).waitFor();
}

const nav = (name: "Write" | "Story bible") =>
  page.getByRole("navigation", { name: "Screens" }).getByRole("button", { name: new RegExp(`^${name}`) }).click();

async function addToBible(name: string, aliases: string) {
  await page.getByRole("button", { name: "New entry" }).click();
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel(/Aliases/).fill(aliases);
  await page.getByRole("button", { name: "Add to the bible" }).click();
  await page.getByRole("button", { name, exact: true }).waitFor();
}

/** The manuscript file that holds the unit with this title. */
function unitFile(title: string): string {
  const dir = join(studio.ws.projectDir(), "manuscript");
  const name = readdirSync(dir).find((n) => readFileSync(join(dir, n), "utf8").includes(`title: ${title}\n`));
  if (!name) throw new Error(`no file for ${title}`);
  return join(dir, name);
}

async function savedState() {
  await page.getByTestId("save-state").filter({ hasText: /^Saved$/ }).waitFor({ timeout: 15_000 });
}

/** Exports through the dialog and returns the downloaded file's path. */
async function exportAs(format: "md" | "docx", name: string): Promise<string> {
  await runCommand(page, "Export");
  const dialog = page.getByRole("dialog", { name: "Export the manuscript" });
  await dialog.getByRole("combobox", { name: /^Format/ }).selectOption(format);
  await dialog.getByRole("button", { name: "Export" }).click();
  const link = dialog.getByRole("button", { name: new RegExp(`Download .*\\.${format}`) });
  await link.waitFor();
  const download = page.waitForEvent("download");
  await link.click();
  const saved = join(studio.ws.root, name);
  await (await download).saveAs(saved);
  await dialog.getByRole("button", { name: "Close" }).last().click();
  await dialog.waitFor({ state: "detached" });
  return saved;
}

beforeAll(async () => {
  studio = await startStudio("mishaps", { scripted: true });
  page = studio.page;
  await page.goto(studio.server.url);
  await page.getByLabel("Title").fill("The Village Book");
  await page.getByLabel(/Unit levels/).fill("Part, Chapter, Scene");
  await page.getByRole("button", { name: "Create project" }).click();
  await page.getByRole("tree").waitFor({ state: "attached" });
  await addAndRename(/^Add Part$/, "Part One: The Village");
  await addAndRename(/^Add Chapter inside$/, "The Green");
  await addAndRename(/^Add Scene inside$/, "Arrival");
});

afterAll(() => studio?.close());

describe("a writer's everyday mishaps", () => {
  it("export prints the headings of a part and a chapter whose text lives in their scenes (item 3)", async () => {
    // the part and chapter stay "To do" with no text of their own: their words are the scene's
    await openUnit("Arrival");
    await editor().click();
    await page.keyboard.type("The bus left her at the edge of the green.");
    await savedState();

    const md = readFileSync(await exportAs("md", "village.md"), "utf8");
    expect(md).toMatch(/^# Part One: The Village$/m);
    expect(md).toMatch(/^## The Green$/m);
    expect(md.indexOf("# Part One: The Village")).toBeLessThan(md.indexOf("The bus left her"));

    const docx = await exportAs("docx", "village.docx");
    const read = execFileSync("pandoc", ["-f", "docx", "-t", "markdown", docx], { encoding: "utf8" });
    expect(read).toMatch(/^# Part One: The Village/m);
    expect(read).toMatch(/^## The Green/m);
    expect(read.indexOf("Part One: The Village")).toBeLessThan(read.indexOf("The bus left her"));
  });

  it("the name checker leaves ordinary words alone, finds an alias at a sentence start, and fixes a name only on the writer's click (item 2)", async () => {
    await nav("Story bible");
    await addToBible("Hale", "");
    await addToBible("Crale", "Old Crale");
    await addToBible("Amos", "the vicar");
    await addToBible("Edna", "");
    await nav("Write");
    await openUnit("The Green");
    await addAndRename(/^Add Scene inside$/, "Evening");
    await openUnit("Evening");
    await editor().click();
    // the false friends where a name checker meets them: sentence starts, quotations, after a comma
    await page.keyboard.type(
      'Have you seen the hall? Has anyone been home? Half the village came, and Edna said "Help them" to nobody. ' +
        'The vicar stood at the end of the hall. She called out "Home!" and then "Hard luck." Amos said "As you like." ' +
        'He shouted "Call the doctor" and she whispered "End it." Old Crale muttered "Them again." ' +
        "Later that night Hael walked past the hall with his hand on the gate.",
    );
    await savedState();

    // "The vicar" opens a sentence and is still Amos
    await expect.poll(() => editor().locator('.mention[data-mention="The vicar"]').count()).toBe(1);
    await expect.poll(() => editor().locator('.mention[data-mention="Old Crale"]').count()).toBe(1);

    const checks = page.getByTestId("unit-checks");
    await checks.waitFor();
    await checks.locator("summary").click();
    // findings show for a unit in progress when the writer asks
    await checks.getByRole("button", { name: "Check now" }).click();
    const names = checks.locator('[data-monitor="consistency"]');
    // exactly one name is misspelt, and the checker says how sure it is
    await expect.poll(() => names.allInnerTexts(), { timeout: 20_000 }).toEqual([expect.stringMatching(/"Hael" may be a misspelling of Hale/)]);
    expect(await names.getByTestId("suggestion-confidence").innerText()).toMatch(/\d+% sure/);
    // nothing changed on its own: the text keeps the writer's spelling until the writer clicks
    expect(await editor().innerText()).toContain("Hael walked");
    await names.getByRole("button", { name: "Replace “Hael” with “Hale”" }).click();
    await expect.poll(() => editor().innerText()).toContain("Later that night Hale walked past the hall");
    expect(await editor().innerText()).toMatch(/^Have you seen the hall\? Has anyone been home\? Half the village/);
    await savedState();
    await expect.poll(() => studio.ws.manuscriptText()).toContain("Hale walked past the hall");
  });

  it("trash, Undo, then typing: every save lands, on that unit and the others, with no false conflict (item 1)", async () => {
    await openUnit("Arrival");
    await editor().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Before the trash.");
    await page.getByRole("button", { name: "Move to trash" }).click();
    await expect.poll(() => page.locator(".unit-title").allInnerTexts()).not.toContain("Arrival");
    await page.getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => page.locator(".unit-title").allInnerTexts()).toContain("Arrival");
    await openUnit("Arrival");
    await expect.poll(() => editor().innerText()).toContain("Before the trash.");
    await editor().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" After the undo.");
    await savedState();
    await expect.poll(() => studio.ws.manuscriptText()).toContain("Before the trash. After the undo.");
    // and the unit beside it saves too
    await openUnit("Evening");
    await editor().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" Its neighbour saves.");
    await savedState();
    await expect.poll(() => studio.ws.manuscriptText()).toContain("Its neighbour saves.");
    expect(await page.locator(".notice.warning, .notice.error").allInnerTexts()).toEqual([]);
    // a reload shows what was saved, not an older text
    await page.reload();
    await openUnit("Arrival");
    await expect.poll(() => editor().innerText()).toContain("Before the trash. After the undo.");
  });

  it("a real conflict offers keep mine, take the file's and keep both; keep both keeps every word (item 1)", async () => {
    await openUnit("Arrival");
    await savedState();
    const file = unitFile("Arrival");
    await editor().click();
    await page.keyboard.press("Control+End");
    // the writer keeps typing (no idle save), and meanwhile another program rewrites the file
    await page.keyboard.type(" Mine, typed here.");
    writeFileSync(file, readFileSync(file, "utf8").replace("The bus left her", "The coach left her"));
    const notice = page.locator(".notice").filter({ hasText: /changed outside Quire/ });
    await notice.waitFor({ timeout: 20_000 });
    for (const name of ["Keep mine", "Take the file’s", "Keep both"]) await notice.getByRole("button", { name }).waitFor();
    await notice.getByRole("button", { name: "Keep both" }).click();
    // the file's text in the unit, the writer's in a copy beside it
    await expect.poll(() => editor().innerText()).toContain("The coach left her");
    await treeItem("Arrival (my version)").waitFor();
    await savedState();
    await expect.poll(() => studio.ws.manuscriptText()).toContain("The bus left her at the edge of the green. Before the trash. After the undo. Mine, typed here.");
    expect(readFileSync(file, "utf8")).toContain("The coach left her");
    expect(readFileSync(file, "utf8")).not.toContain("Mine, typed here.");
  });

  it("after reopening, the binder, the editor and the status bar give a drafted unit one word count (item 8)", async () => {
    await openUnit("The Green");
    await addAndRename(/^Add Scene inside$/, "Drafted");
    await openUnit("Drafted");
    await savedState();
    // a run's draft lands as the model's words marked as such, a footnote of the writer's beside them
    const file = unitFile("Drafted");
    const drafted =
      '<span data-quire="ai">The fog sat on the green until noon, and nobody crossed it.</span>\n\n' +
      '<span data-quire="ai">By evening the lamps were lit along the lane.</span> She waited.[^1]\n\n' +
      "[^1]: The lane is the old drove road.\n";
    writeFileSync(file, `${readFileSync(file, "utf8").trimEnd()}\n\n${drafted}`);
    await expect.poll(() => editor().innerText(), { timeout: 15_000 }).toContain("By evening the lamps");
    // 12 + 9 + 2 words of text, 7 in the footnote: no markup is a word
    const expected = 30;
    // the writer is elsewhere when the studio opens again: the binder's count is the one it opens with
    await openUnit("Evening");
    await page.reload();
    await page.getByRole("tree").waitFor({ state: "attached" });
    const binder = () => treeItem("Drafted").locator(".unit-words").first().innerText();
    await expect.poll(binder).toBe(String(expected));
    await openUnit("Drafted");
    await expect.poll(() => page.getByTestId("unit-words").innerText()).toMatch(new RegExp(`^${expected} `));
    expect(await binder()).toBe(String(expected));
  });
});
