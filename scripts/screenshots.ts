// Renders the drafting screens for the README: docs/brief.png, docs/plan.png, docs/run.png, docs/review.png.
// Browser mode with the generated test model (its prose is word salad; the screens are what matter).
//   npx tsx scripts/screenshots.ts
import { join } from "node:path";
import { launchBrowser } from "../tests/e2e/harness/browser";
import { startTestServer } from "../tests/e2e/harness/quire-server";
import { makeWorkspace } from "../tests/e2e/harness/workspace";
import { buildPlan, createProject, fillBriefFromText, nav, runUnits, saveBrief } from "../tests/e2e/drafting/flow";
import { makeTestModel } from "../tests/fixtures/gguf/test-model";

const docs = join(import.meta.dirname, "../docs");
const ws = makeWorkspace("screenshots");
const modelPath = await makeTestModel({ params: "1M", variant: "whole" });
// the test entry: the real runtime, with chapter 8's required moment failing so Review has a revision to show
const server = await startTestServer({
  dataDir: ws.dataDir,
  projectsDir: ws.projectsDir,
  model: modelPath,
  omit: ["the lighthouse keeper tells Anna about the storm"],
  env: { QUIRE_LLM_THREADS: "1" },
});
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1360, height: 900 });
  const shot = async (name: string) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(docs, `${name}.png`) });
    console.log(`wrote docs/${name}.png`);
  };

  await createProject(page, server.url, "The Island");
  await fillBriefFromText(page);
  await page.getByLabel("Point of view").fill("close third person, Anna");
  await page.getByLabel("Tone").fill("quiet, salt-worn");
  await shot("brief");
  await saveBrief(page);

  await buildPlan(page);
  const titles = ["Homecoming", "The Crossing", "The Piano", "Low Tide", "Letters"];
  for (const [i, title] of titles.entries()) {
    const input = page.getByLabel(`Title of Chapter ${i + 1}`, { exact: true });
    await input.fill(title);
    await input.blur();
  }
  const budget = page.getByLabel("Budget of Chapter 3", { exact: true });
  await budget.fill("800");
  await budget.press("Enter");
  await page.waitForTimeout(500);
  await shot("plan");

  await page.getByRole("button", { name: "Accept the plan" }).click();
  await page.getByRole("button", { name: "Draft it" }).click();
  await page.getByLabel("Units at once").fill("2");
  await page.getByRole("button", { name: "Start drafting" }).click();
  for (let i = 0; i < 600; i++) {
    const units = await runUnits(page);
    if (units.filter((u) => u.state === "done").length >= 9 && units.some((u) => u.state === "drafting" && u.words > 0)) break;
    await page.waitForTimeout(50);
  }
  await shot("run");
  await page.locator('[data-testid="run-status"][data-status="done"]').waitFor({ timeout: 300_000 });

  await nav(page, "Review");
  await page.locator('[data-testid="proposal"][data-plan-id="u8"]').getByRole("button").first().click();
  await page.getByLabel("Side by side").check();
  await shot("review");
} finally {
  await browser.close();
  await server.stop();
  ws.cleanup();
}
