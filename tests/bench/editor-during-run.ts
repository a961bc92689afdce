/**
 * bench:editor, drafting section: typing in one unit while a run drafts other units with the
 * generated test model. Idle typing in the same unit is measured in the same run, before and
 * after the drafting, as the baseline. Writes bench-results/editor-during-run.json and adds
 * `duringRun` to bench-results/editor.json when that exists.
 *   npx tsx tests/bench/editor-during-run.ts
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser } from "../e2e/harness/browser";
import { startQuireServer } from "../e2e/harness/quire-server";
import { makeWorkspace } from "../e2e/harness/workspace";
import { buildPlan, createProject, fillBriefFromText, nav, saveBrief } from "../e2e/drafting/flow";
import { makeTestModel } from "../fixtures/gguf/test-model";
import { installKeyRecorder, typeRound } from "./keystroke-latency";
import { round, summary } from "./stats";
import { writeBenchResult } from "./write-result";

const KEYS = Number(process.env.BENCH_KEYS ?? 60);

/** Typing at the end of the open unit. */
async function typeAtEnd(page: Page): Promise<number[]> {
  await page.locator(".manuscript").click();
  await page.keyboard.press("Control+End");
  return typeRound(page, KEYS);
}

const ws = makeWorkspace("bench-during-run");
const modelPath = await makeTestModel({ params: "1M", variant: "whole" });
const server = await startQuireServer({
  dataDir: ws.dataDir,
  projectsDir: ws.projectsDir,
  extraArgs: ["--model", modelPath],
  env: { QUIRE_LLM_THREADS: "1" },
});
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  await createProject(page, server.url, "Bench Run");
  await fillBriefFromText(page);
  await saveBrief(page);
  await buildPlan(page);
  await page.getByRole("button", { name: "Accept the plan" }).click();
  await page.getByRole("button", { name: "Draft it" }).waitFor();
  // the writer's own unit, outside the plan: the run never touches it
  await nav(page, "Write");
  await page.getByRole("button", { name: /^Add Chapter$/ }).first().click();
  await page.waitForTimeout(300);
  await page.locator(".manuscript").click();
  await page.keyboard.type("Notes of my own, written while the book drafts itself.");
  await installKeyRecorder(page);

  const idle: number[] = [];
  const during: number[] = [];
  idle.push(...(await typeAtEnd(page)), ...(await typeAtEnd(page)));

  // start the run from the run screen, then come back to the same unit and type
  await nav(page, "Run");
  await page.getByLabel("Units at once").fill("2");
  await page.getByRole("button", { name: "Start drafting" }).click();
  await page.getByTestId("run-strip").waitFor({ state: "attached" });
  await nav(page, "Write");
  const running = async () => (await page.getByTestId("run-strip").count()) > 0;
  let rounds = 0;
  while (await running()) {
    const lat = await typeAtEnd(page);
    if (await running()) {
      during.push(...lat);
      rounds++;
    }
  }
  await nav(page, "Run");
  const status = await page.getByTestId("run-status").getAttribute("data-status");
  const tokensPerSecond = Number((await page.getByTestId("tokens-per-second").innerText()).match(/[\d.]+/)?.[0] ?? 0);
  await nav(page, "Write");
  idle.push(...(await typeAtEnd(page)), ...(await typeAtEnd(page)));

  const idleS = summary(idle);
  const duringS = summary(during);
  const duringRun = {
    idleKeystrokeMs: idleS,
    duringRunKeystrokeMs: duringS,
    ratioP50: round(duringS.p50 / idleS.p50),
    ratioP95: round(duringS.p95 / idleS.p95),
    roundsDuringRun: rounds,
    run: { units: 20, words: 10_000, parallel: 2, status, tokensPerSecond },
    target: { ratioP95: 1.5 },
    pass: duringS.p95 / idleS.p95 <= 1.5,
  };
  const file = writeBenchResult("editor-during-run", duringRun);
  const editorJson = join(import.meta.dirname, "../../bench-results/editor.json");
  if (existsSync(editorJson)) {
    const main = JSON.parse(readFileSync(editorJson, "utf8")) as Record<string, unknown>;
    writeFileSync(editorJson, `${JSON.stringify({ ...main, duringRun }, null, 2)}\n`);
  }
  console.log(JSON.stringify(duringRun, null, 2));
  console.log(`wrote ${file}`);
} finally {
  await browser.close();
  await server.stop();
  ws.cleanup();
}
