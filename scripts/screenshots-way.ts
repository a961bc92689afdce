// Renders the screens of the way through a book (issue 19) for docs/ (light theme):
// docs/way-brief.png (a pasted brief in the form, the project's target and the brief's to choose from), way-accept-plan.png (where the plan goes),
// way-plan-pins.png (pinned budgets), way-run-live.png (a run while its first unit is written),
// way-binder-cancelled.png (after a cancel and a reload), way-call-viewer.png (a drafted unit's
// calls), way-trash.png (the trash view) and way-projects.png (the project list from a book).
// Browser mode with the realistic scripted model, Chapter 1 held after 40 words.
//   npx tsx scripts/screenshots-way.ts
import { join } from "node:path";
import { launchBrowser } from "../tests/e2e/harness/browser";
import { startTestServer } from "../tests/e2e/harness/quire-server";
import { makeWorkspace } from "../tests/e2e/harness/workspace";
import { nav } from "../tests/e2e/drafting/flow";

const docs = join(import.meta.dirname, "../docs");
const ws = makeWorkspace("screenshots-way");
const server = await startTestServer({ dataDir: ws.dataDir, projectsDir: ws.projectsDir, realistic: { holds: [{ unit: "Chapter 1", afterWords: 40 }] } });
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1360, height: 900 });
  const shot = async (name: string) => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(docs, `${name}.png`) });
    console.log(`wrote docs/${name}.png`);
  };
  const tree = page.getByRole("tree", { name: "Binder" });
  const rename = async (title: string) => {
    const selected = tree.locator('[role="treeitem"][aria-selected="true"]');
    await selected.filter({ hasText: /^New / }).waitFor();
    await selected.focus();
    await page.keyboard.press("F2");
    const input = page.getByRole("textbox", { name: "Rename" });
    await input.fill(title);
    await input.press("Enter");
  };

  await page.goto(server.url);
  await page.getByLabel("Title").fill("Old Notes");
  await page.getByLabel(/Unit levels/).fill("Chapter");
  await page.getByRole("button", { name: "Create project" }).click();
  await tree.waitFor({ state: "attached" });
  await page.getByRole("banner").getByRole("button", { name: "Projects" }).click();
  const projects = page.getByRole("dialog", { name: "Projects" });
  await projects.getByLabel("Title").first().fill("Harbour Lights");
  await projects.getByLabel(/Unit levels/).first().fill("Part, Chapter");
  await projects.getByLabel("Target words").first().fill("80000");
  await projects.getByRole("button", { name: "Create project" }).click();
  await page.locator(".project-title").filter({ hasText: "Harbour Lights" }).waitFor();
  const binder = page.getByRole("navigation", { name: "Binder" });
  await binder.getByRole("button", { name: "Add Part", exact: true }).click();
  await rename("The Rocks");
  await binder.getByRole("button", { name: "Add Part", exact: true }).click();
  await rename("The Storm");

  await nav(page, "Brief");
  const summary = page.getByText("Paste a brief in your own words");
  await summary.waitFor();
  const paste = page.getByLabel(/Describe the book/);
  if (!(await paste.isVisible())) await summary.click();
  await paste.fill(
    [
      "A quiet mystery of about 3,000 words, in two parts of three chapters each.",
      "",
      "Mara, the lighthouse keeper's daughter, finds a drowned stranger on the rocks below the lamp and the letters in his coat.",
      "",
      "In chapter 2, Mara reads the stranger's letters. The storm breaks in the last chapter.",
      "",
      "Keep the voice wry and the island small.",
    ].join("\n"),
  );
  await page.getByRole("button", { name: "Fill the form from this" }).click();
  await page.getByRole("button", { name: "Confirm and save brief" }).waitFor();
  await page.locator(".main").evaluate((m) => m.scrollTo(0, 0));
  await shot("way-brief");
  await page.getByTestId("targets-differ").getByRole("button", { name: /^The brief's/ }).click();
  await page.getByRole("button", { name: "Confirm and save brief" }).click();
  await page.getByTestId("brief-status").filter({ hasText: "Brief saved" }).waitFor();

  await nav(page, "Plan");
  await page.getByRole("button", { name: /Build the plan|Rebuild from the brief/ }).click();
  await page.getByTestId("plan-unit").first().waitFor();
  await page.getByRole("button", { name: "Accept the plan", exact: true }).click();
  await page.getByTestId("accept-plan").waitFor();
  await shot("way-accept-plan");
  await page.getByTestId("accept-plan").getByRole("button", { name: "Accept the plan here" }).click();
  await tree.getByRole("treeitem").nth(7).waitFor();
  const leaves = page.locator('[data-testid="plan-unit"].leaf');
  for (const [i, n] of [[2, "700"], [0, "300"]] as const) {
    const input = leaves.nth(i).locator(".budget-input");
    await input.fill(n);
    await input.press("Enter");
    await page.waitForTimeout(300);
  }
  await shot("way-plan-pins");

  await nav(page, "Run");
  await page.getByLabel("Units at once").fill("1");
  await page.getByRole("button", { name: /^Start/ }).click();
  await page.getByTestId("run-units").filter({ hasText: "1 being written" }).waitFor();
  await page.waitForTimeout(2500);
  await shot("way-run-live");
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await page.getByTestId("run-status").and(page.locator('[data-status="cancelled"]')).waitFor();
  await page.reload();
  await tree.waitFor();
  await nav(page, "Run");
  await page.getByTestId("run-unit").first().waitFor();
  await shot("way-binder-cancelled");

  await page.getByRole("button", { name: /^Start/ }).click();
  await page.locator('[data-testid="run-status"][data-status="done"], [data-testid="run-status"][data-status="finished-with-failures"]').waitFor({ timeout: 120_000 });
  await page.locator('[data-testid="run-unit"][data-state="done"]').nth(1).getByRole("button", { name: /^The model's calls for / }).click();
  const viewer = page.getByTestId("call-viewer");
  await viewer.getByTestId("call-item").first().click();
  await viewer.getByTestId("call-section").first().waitFor();
  await shot("way-call-viewer");
  await page.keyboard.press("Escape");

  // a unit to the trash, and the trash view long after its toast
  await nav(page, "Write");
  await tree.getByRole("treeitem", { name: "Chapter 6", exact: true }).focus();
  await page.keyboard.press("Delete");
  await page.waitForTimeout(500);
  await binder.getByRole("button", { name: "Trash", exact: true }).click();
  await page.getByRole("dialog").waitFor();
  await shot("way-trash");
  await page.keyboard.press("Escape");

  await page.getByRole("banner").getByRole("button", { name: "Projects" }).click();
  await page.getByRole("dialog", { name: "Projects" }).waitFor();
  await shot("way-projects");
} finally {
  await browser.close();
  await server.stop();
  ws.cleanup();
}
