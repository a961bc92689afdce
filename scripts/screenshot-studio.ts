// Renders the studio's screenshots for the README and docs/: a small sample project open in browser
// mode, each screen and dialog in the light (paper) and dark (night) themes: docs/<name>.png and
// docs/<name>-dark.png.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { writeNewProject } from "../electron/node/store/project-files";
import { launchBrowser } from "../tests/e2e/harness/browser";
import { startTestServer } from "../tests/e2e/harness/quire-server";
import { chapterBody, generateBook } from "../tests/fixtures/manuscripts/generate-book";

const docs = join(import.meta.dirname, "../docs");
const root = mkdtempSync(join(tmpdir(), "quire-shot-"));
const book = generateBook({ chapters: 6, totalWords: 9000, title: "The Lighthouse Keeper" });
book.meta.levels = ["Part", "Chapter"];
book.meta.targetWords = 80_000;
const parts = [
  // parts hold no text of their own: their targets roll up from their chapters
  { ...book.units[0]!, id: "part1", title: "Part One: The Light", body: "", level: 0, parentId: null, order: 0, targetWords: null },
  { ...book.units[0]!, id: "part2", title: "Part Two: The Storm", body: "", level: 0, parentId: null, order: 1, targetWords: null },
];
const titles = ["Arrival", "The Logbook", "Night Watch", "Fog", "The Wreck", "Morning"];
book.units = [
  ...parts,
  ...book.units.map((u, i) => ({
    ...u,
    title: titles[i]!,
    parentId: i < 3 ? "part1" : "part2",
    level: 1,
    order: i % 3,
    targetWords: 1500,
    synopsis: i === 2 ? "Ada keeps the lamp alive through the night and finds the logbook's missing page." : "",
    body: i === 2 ? `Ada climbed the ninety-one stairs with the oil can knocking against her knee. *The lamp must not fail tonight,* she thought.\n\n${chapterBody(7, 900)}` : u.body,
  })),
];
const dir = join(root, "The Lighthouse Keeper.quire");
await writeNewProject(dir, book);
// an edit a crash kept from the disk, so the first thing the studio shows is the recovery dialog
const fog = book.units.find((u) => u.title === "Fog")!;
mkdirSync(join(dir, ".quire", "journal"), { recursive: true });
writeFileSync(
  join(dir, ".quire", "journal", `${fog.id}.json`),
  JSON.stringify({ unitId: fog.id, body: `${fog.body}\n\nThe fog lifted at noon.\n`, baseHash: null, savedAt: new Date().toISOString() }),
);
// the test entry with the scripted model: the screenshot needs no runtime
const server = await startTestServer({ dataDir: join(root, "data"), projectsDir: root, project: dir, scripted: true });
const browser = await launchBrowser();

/**
 * Light, then dark, then light again. Without a dialog open the studio's own theme shortcut
 * switches (Ctrl+Shift+L); a dialog keeps the keys, so there the theme is set on the page as the
 * command would set it.
 */
async function both(page: Page, name: string, dialogOpen = false) {
  const toggle = async (theme: "light" | "dark") => {
    if (dialogOpen) await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
    else if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme) await page.keyboard.press("Control+Shift+L");
  };
  for (const [theme, file] of [["light", name], ["dark", `${name}-dark`]] as const) {
    await toggle(theme);
    await page.waitForTimeout(350);
    await page.screenshot({ path: join(docs, `${file}.png`) });
    console.log(`wrote docs/${file}.png`);
  }
  await toggle("light");
}

try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1360, height: 820 });
  await page.goto(server.url);
  const recovery = page.getByRole("dialog", { name: /Unsaved edits were recovered/ });
  await recovery.waitFor();
  await both(page, "recovery", true);
  await recovery.getByRole("button", { name: "Discard" }).click();
  await recovery.waitFor({ state: "detached" });

  await page.getByRole("treeitem", { name: /Night Watch/ }).click();
  await page.locator(".manuscript p").first().waitFor();
  await page.getByTestId("unit-checks").waitFor({ timeout: 20_000 });
  await both(page, "studio");

  await page.locator(".manuscript p").nth(3).click();
  await page.keyboard.press("Control+p");
  await page.getByTestId("command-palette").getByRole("combobox").fill("dim");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Control+Shift+F");
  await page.locator(".studio.focus").waitFor();
  await page.locator(".manuscript p").nth(3).click();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(2800);
  await both(page, "focus");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+p");
  await page.getByTestId("command-palette").getByRole("combobox").fill("dim");
  await page.keyboard.press("Enter");

  await page.keyboard.press("Control+p");
  await page.getByTestId("command-palette").getByRole("combobox").fill("un");
  await both(page, "palette", true);
  await page.keyboard.press("Escape");

  await page.getByRole("banner").getByRole("button", { name: "More" }).click();
  await both(page, "menu", true);
  await page.keyboard.press("Escape");

  for (const [keys, name, file] of [
    ["Control+,", "Project settings", "settings"],
    ["Control+Shift+X", "Export the manuscript", "export"],
  ] as const) {
    await page.keyboard.press(keys);
    await page.getByRole("dialog", { name }).waitFor();
    await both(page, file, true);
    await page.keyboard.press("Escape");
  }

  await page.locator(".manuscript p").first().click();
  await page.keyboard.press("Control+k");
  await page.getByRole("dialog", { name: "Link" }).waitFor();
  await both(page, "question", true);
  await page.keyboard.press("Escape");

  await page.keyboard.press("Control+p");
  await page.getByTestId("command-palette").getByRole("combobox").fill("close the project");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Quire" }).waitFor();
  await both(page, "picker");
} finally {
  await browser.close();
  await server.stop();
  rmSync(root, { recursive: true, force: true });
}
