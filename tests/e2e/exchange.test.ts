import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStudio, type StudioSession } from "./harness/studio-session";
import { runCommand } from "./studio-ui";

let studio: StudioSession;
let page: Page;

const SOURCE = `# The Orchard

## Blossom

Spring came *late* to the orchard that year.

## Fruit

The **apples** were small but sweet.

***

Nobody picked them.

## Frost

Winter took the last of them.
`;

beforeAll(async () => {
  studio = await startStudio("exchange");
  page = studio.page;
});
afterAll(() => studio?.close());

describe("import and export in the studio", () => {
  it("previews an imported Markdown manuscript, then creates a project from it", async () => {
    const file = join(studio.ws.root, "orchard.md");
    writeFileSync(file, SOURCE);
    await page.goto(studio.server.url);
    await page.getByLabel(/Markdown, Word \(DOCX\) or plain text file/).setInputFiles(file);
    await page.getByText("3 units will be created").waitFor();
    expect(await page.getByRole("list", { name: "Units to create" }).getByRole("listitem").allInnerTexts()).toEqual([
      "Blossom (8)",
      "Fruit (9)",
      "Frost (6)",
    ]);
    expect(readdirSync(studio.ws.projectsDir)).toEqual([]); // nothing is created by a preview
    await page.getByRole("button", { name: "Create project from this file" }).click();
    await expect.poll(() => page.locator(".unit-title").allInnerTexts()).toEqual(["Blossom", "Fruit", "Frost"]);
    await expect.poll(() => page.locator(".manuscript").innerText()).toContain("Spring came late to the orchard");
  });

  it("exports DOCX that pandoc reads back, and asks before overwriting", async () => {
    await runCommand(page, "Export");
    const dialog = page.getByRole("dialog", { name: "Export the manuscript" });
    await dialog.getByRole("combobox", { name: /^Format/ }).selectOption("docx");
    await dialog.getByRole("button", { name: "Export" }).click();
    const link = dialog.getByRole("button", { name: /Download .*\.docx/ });
    await link.waitFor();
    const downloadPromise = page.waitForEvent("download");
    await link.click();
    const saved = join(studio.ws.root, "out.docx");
    await (await downloadPromise).saveAs(saved);
    const text = execFileSync("pandoc", ["-f", "docx", "-t", "plain", saved], { encoding: "utf8" });
    for (const expected of ["Blossom", "Fruit", "Frost", "Spring came late", "Nobody picked them."]) expect(text).toContain(expected);

    // the studio asks in its own dialog (never the browser's confirm), naming the file that exists
    const exportsDir = join(studio.ws.projectDir(), "exports");
    const docx = join(exportsDir, readdirSync(exportsDir).find((n) => n.endsWith(".docx"))!);
    const firstWrite = statSync(docx).mtimeMs;
    await dialog.getByRole("button", { name: "Export" }).click();
    const question = page.getByRole("dialog", { name: "Replace the existing file?" });
    await question.waitFor();
    expect(await question.innerText()).toMatch(/exist/i);
    await question.getByRole("button", { name: "Replace" }).click();
    await question.waitFor({ state: "detached" });
    await expect.poll(() => statSync(docx).mtimeMs).toBeGreaterThan(firstWrite);
    await link.waitFor();
    expect(existsSync(join(studio.ws.projectDir(), "exports"))).toBe(true);
  });

  it("declining the overwrite leaves the earlier export byte for byte; accepting replaces it with the current text", async () => {
    const folder = join(studio.ws.projectDir(), "exports");
    const exported = () => readdirSync(folder).filter((n) => n.endsWith(".docx"));
    const [name] = exported();
    const file = join(folder, name!);
    // the overwrite the test before accepted may still be landing: take the file once it holds still
    await expect.poll(async () => {
      const a = readFileSync(file);
      await new Promise((r) => setTimeout(r, 400));
      return a.equals(readFileSync(file));
    }).toBe(true);
    const before = readFileSync(file);
    const plain = () => execFileSync("pandoc", ["-f", "docx", "-t", "plain", file], { encoding: "utf8" });

    // the writer adds a sentence after the first export
    const dialog = page.getByRole("dialog", { name: "Export the manuscript" });
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    const frost = page.getByRole("treeitem", { name: /Frost/ });
    await frost.click();
    await page.locator(`.manuscript[data-unit-id="${await frost.getAttribute("data-unit-id")}"]:not([aria-busy])`).waitFor();
    await page.locator(".manuscript").click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type(" The thaw came late.");
    await page.getByTestId("save-state").filter({ hasText: /^Saved$/ }).waitFor({ timeout: 15_000 });

    await runCommand(page, "Export");
    await dialog.getByRole("combobox", { name: /^Format/ }).selectOption("docx");

    // declined: the studio asks in its own dialog; Cancel writes nothing and the file is the earlier export
    const question = page.getByRole("dialog", { name: "Replace the existing file?" });
    await dialog.getByRole("button", { name: "Export" }).click();
    await question.waitFor();
    expect(await question.innerText()).toMatch(/exist/i);
    await question.getByRole("button", { name: "Cancel" }).click();
    await question.waitFor({ state: "detached" });
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(exported()).toEqual([name]);
    expect(plain()).not.toContain("The thaw came late.");

    // accepted: the same file now holds the manuscript as it is, and no second copy appears
    await dialog.getByRole("button", { name: "Export" }).click();
    await question.waitFor();
    await question.getByRole("button", { name: "Replace" }).click();
    await question.waitFor({ state: "detached" });
    await expect.poll(() => plain()).toContain("The thaw came late.");
    expect(plain()).toContain("Spring came late");
    expect(readFileSync(file).equals(before)).toBe(false);
    expect(exported()).toEqual([name]);
  });
});
