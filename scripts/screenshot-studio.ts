// Renders docs/studio.png for the README: a small sample project open in browser mode.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeNewProject } from "../electron/node/store/project-files";
import { launchBrowser } from "../tests/e2e/harness/browser";
import { startTestServer } from "../tests/e2e/harness/quire-server";
import { chapterBody, generateBook } from "../tests/fixtures/manuscripts/generate-book";

const root = mkdtempSync(join(tmpdir(), "quire-shot-"));
const book = generateBook({ chapters: 6, totalWords: 9000, title: "The Lighthouse Keeper" });
book.meta.levels = ["Part", "Chapter"];
book.meta.targetWords = 80_000;
const parts = [
  { ...book.units[0]!, id: "part1", title: "Part One: The Light", body: "", level: 0, parentId: null, order: 0 },
  { ...book.units[0]!, id: "part2", title: "Part Two: The Storm", body: "", level: 0, parentId: null, order: 1 },
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
    synopsis: i === 2 ? "Ada keeps the lamp alive through the night and finds the logbook's missing page." : "",
    body: i === 2 ? `Ada climbed the ninety-one stairs with the oil can knocking against her knee. *The lamp must not fail tonight,* she thought.\n\n${chapterBody(7, 900)}` : u.body,
  })),
];
const dir = join(root, "The Lighthouse Keeper.quire");
await writeNewProject(dir, book);
// the test entry with the scripted model: the screenshot needs no runtime
const server = await startTestServer({ dataDir: join(root, "data"), projectsDir: root, project: dir, scripted: true });
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1360, height: 820 });
  await page.goto(server.url);
  await page.getByRole("treeitem", { name: /Night Watch/ }).click();
  await page.locator(".manuscript p").first().waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(import.meta.dirname, "../docs/studio.png") });
  console.log("wrote docs/studio.png");
} finally {
  await browser.close();
  await server.stop();
  rmSync(root, { recursive: true, force: true });
}
