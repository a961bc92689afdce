// Renders the drafting screens for the README and docs/, each in the light and the dark theme:
// brief, plan, run, review, bible, a drafted unit with its findings, the Models dialog, the model's
// calls, the projects list, the trash and the question where an accepted plan goes
// (docs/<name>.png and docs/<name>-dark.png).
// Browser mode with the generated test model (its prose is word salad; the screens are what matter).
//   npx tsx scripts/screenshots.ts
import { join } from "node:path";
import { launchBrowser } from "../tests/e2e/harness/browser";
import { startTestServer } from "../tests/e2e/harness/quire-server";
import { makeWorkspace } from "../tests/e2e/harness/workspace";
import { buildPlan, createProject, fillBriefFromText, nav, runUnits, saveBrief } from "../tests/e2e/drafting/flow";
import { makeTestModel } from "../tests/fixtures/gguf/test-model";
import { createAnotherProject, runCommand } from "../tests/e2e/studio-ui";

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
  /** Light and dark: the studio's theme shortcut, or, while a dialog holds the keys, the theme set on the page as the command sets it. */
  const both = async (name: string, dialogOpen = false) => {
    const theme = (t: "light" | "dark") =>
      dialogOpen
        ? page.evaluate((x) => (document.documentElement.dataset.theme = x), t)
        : page.evaluate(() => document.documentElement.dataset.theme).then((now) => (now === t ? undefined : page.keyboard.press("Control+Shift+L")));
    await theme("light");
    await shot(name);
    await theme("dark");
    await shot(`${name}-dark`);
    await theme("light");
  };

  await createProject(page, server.url, "The Island");
  await fillBriefFromText(page);
  await page.getByLabel("Point of view").fill("close third person, Anna");
  await page.getByLabel("Tone").fill("quiet, salt-worn");
  await page.getByLabel("Tone").blur();
  await page.locator(".main").evaluate((m) => m.scrollTo(0, 0));
  await both("brief");
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
  await both("plan");

  await page.getByRole("button", { name: "Accept the plan" }).click();
  await page.getByRole("button", { name: "Draft it" }).click();
  await page.getByLabel("Units at once").fill("2");
  await page.getByRole("button", { name: "Start drafting" }).click();
  for (let i = 0; i < 600; i++) {
    const units = await runUnits(page);
    if (units.filter((u) => u.state === "done").length >= 9 && units.some((u) => u.state === "drafting" && u.words > 0)) break;
    await page.waitForTimeout(50);
  }
  await both("run");
  await page.locator('[data-testid="run-status"][data-status="done"]').waitFor({ timeout: 300_000 });
  await both("run-done");

  await nav(page, "Review");
  await page.locator('[data-testid="proposal"][data-plan-id="u8"]').getByRole("button").first().click();
  await page.getByLabel("Side by side").check();
  await both("review");
  // accepted, the revision names Anna in chapter 8: the bible's matrix has a mention to open
  await page.getByTestId("proposal-detail").getByRole("button", { name: "Accept", exact: true }).click();
  await page.locator('[data-testid="proposal-detail"][data-status="accepted"]').waitFor();

  await nav(page, "Story bible");
  await page.getByRole("button", { name: "New entry" }).click();
  await page.getByLabel("Name", { exact: true }).fill("Anna");
  await page.getByLabel(/Aliases/).fill("Annie");
  await page.getByLabel(/Attributes/).fill("eyes: green\nage: 34");
  await page.getByRole("button", { name: "Add to the bible" }).click();
  await page.getByTestId("mention-matrix").waitFor();
  await page.getByRole("button", { name: "Anna", exact: true }).click();
  await both("bible");

  // a drafted unit: its findings show, each can be dismissed
  await page.getByTestId("mention-matrix").getByRole("button", { name: /of Anna in Chapter 8/ }).click();
  const checks = page.getByTestId("unit-checks");
  await checks.waitFor({ timeout: 20_000 });
  await checks.locator("summary").click();
  await both("write-drafted");

  await page.getByTestId("model-status").click();
  await page.getByRole("dialog", { name: "Models" }).getByTestId("system-summary").waitFor({ timeout: 60_000 });
  await both("models", true);
  await page.keyboard.press("Escape");

  // the model's calls for the drafted unit open now, one call shown
  await runCommand(page, "Show the model's calls");
  const calls = page.getByRole("dialog", { name: /The model's calls/ });
  await calls.getByTestId("call-item").first().click({ timeout: 20_000 });
  await calls.getByTestId("call-detail").waitFor();
  await both("calls", true);
  await page.keyboard.press("Escape");

  await runCommand(page, "Projects");
  await page.getByTestId("projects-dialog").getByText("The Island").first().waitFor();
  await both("projects", true);
  await page.keyboard.press("Escape");

  // the last chapter moved to the trash, and the trash that brings it back
  await nav(page, "Write");
  await page.getByRole("treeitem").last().click();
  await page.getByRole("button", { name: "Move to trash" }).click();
  await page.getByRole("button", { name: "Trash", exact: true }).click();
  await page.getByRole("dialog", { name: "Trash" }).getByRole("button", { name: /^Restore/ }).first().waitFor();
  await both("trash", true);
  await page.keyboard.press("Escape");

  // a book that already has a chapter, and a plan for it: accepting the plan asks where it goes
  await createAnotherProject(page, "Harbour Lights");
  await page.getByRole("navigation", { name: "Binder" }).getByRole("button", { name: "Add Chapter", exact: true }).click();
  await fillBriefFromText(page);
  await saveBrief(page);
  await buildPlan(page);
  await page.getByRole("button", { name: "Accept the plan", exact: true }).click();
  await page.getByRole("dialog", { name: "Where does the plan go?" }).waitFor();
  await both("accept-plan", true);
  await page.keyboard.press("Escape");
} finally {
  await browser.close();
  await server.stop();
  ws.cleanup();
}
