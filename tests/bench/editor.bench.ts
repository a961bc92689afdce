/**
 * bench:editor — typing and switching at book length, in real Chromium against browser mode.
 * Baseline measured in the same run: a bare Tiptap page holding the same chapter.
 * Writes bench-results/editor.json.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { build } from "vite";
import { parseMarkdown } from "../../electron/shared/markdown/markdown-codec";
import { writeNewProject } from "../../electron/node/store/project-files";
import { launchBrowser } from "../e2e/harness/browser";
import { startQuireServer } from "../e2e/harness/quire-server";
import { generateBook } from "../fixtures/manuscripts/generate-book";
import { serveFolder } from "./static-server";
import { installKeyRecorder, typeRound } from "./keystroke-latency";
import { round, summary } from "./stats";
import { writeBenchResult } from "./write-result";

const CHAPTERS = 40;
const WORDS = 150_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const KEYS_PER_ROUND = Number(process.env.BENCH_KEYS ?? 60);
const SWITCHES = Number(process.env.BENCH_SWITCHES ?? 30);

const root = mkdtempSync(join(tmpdir(), "quire-bench-editor-"));
const book = generateBook({ chapters: CHAPTERS, totalWords: WORDS, title: "Bench Book" });
const projectDir = join(root, "Bench Book.quire");
await writeNewProject(projectDir, book);

// the baseline page, built once
const bareOut = join(root, "bare");
await build({ root: join(import.meta.dirname, "bare-editor"), logLevel: "warn", build: { outDir: bareOut, emptyOutDir: true } });
const bare = await serveFolder(bareOut);

const server = await startQuireServer({ dataDir: join(root, "data"), projectsDir: root, project: projectDir });
const browser = await launchBrowser();

async function placeCaretAtEnd(page: Page) {
  await page.locator(".manuscript").click();
  await page.keyboard.press("Control+End");
}

try {
  // project open: navigation → binder and the first chapter's text on screen
  const quire = await browser.context.newPage();
  const openStart = Date.now();
  await quire.goto(server.url);
  await quire.locator(".manuscript p").first().waitFor();
  await quire.getByRole("treeitem").nth(CHAPTERS - 1).waitFor();
  const openMs = Date.now() - openStart;
  const openInPage = await quire.evaluate(() => performance.now());
  const openParts = await quire.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const at = (name: string) => performance.getEntriesByName(name)[0];
    return {
      responseEnd: nav?.responseEnd ?? null,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
      scriptStart: at("quire:boot")?.startTime ?? null,
      projectOpenCall: at("quire:project-open")?.duration ?? null,
      projectOpenDone: at("quire:project-open") ? at("quire:project-open")!.startTime + at("quire:project-open")!.duration : null,
      firstUnitMounted: at("quire:unit-mount")?.startTime ?? null,
    };
  });

  // mount the middle chapter in both pages
  const mid = Math.floor(CHAPTERS / 2);
  await quire.getByRole("treeitem", { name: new RegExp(`^Chapter ${mid + 1}\\b`) }).click();
  await quire.waitForTimeout(500);
  const barePage = await browser.context.newPage();
  await barePage.goto(bare.url);
  await barePage.evaluate((content) => (window as unknown as { mountBare(c: unknown): void }).mountBare(content), parseMarkdown(book.units[mid]!.body));
  await barePage.locator(".manuscript p").first().waitFor();
  for (const p of [quire, barePage]) {
    await installKeyRecorder(p);
    await placeCaretAtEnd(p);
  }

  const quireLat: number[] = [];
  const bareLat: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    await quire.bringToFront();
    await placeCaretAtEnd(quire);
    quireLat.push(...(await typeRound(quire, KEYS_PER_ROUND)));
    await barePage.bringToFront();
    await placeCaretAtEnd(barePage);
    bareLat.push(...(await typeRound(barePage, KEYS_PER_ROUND)));
  }
  await quire.bringToFront();

  // chapter switches, timed inside the page: click → the new chapter's first words on screen
  const switchTimes: number[] = [];
  for (let i = 0; i < SWITCHES; i++) {
    const target = (i * 7 + 3) % CHAPTERS;
    const firstWords = book.units[target]!.body.replace(/[*_]/g, "").split(/\s+/).slice(0, 4).join(" ");
    const ms = await quire.evaluate(
      ({ title, firstWords }) =>
        new Promise<number>((resolve, reject) => {
          const item = [...document.querySelectorAll<HTMLElement>('[role="treeitem"]')].find(
            (el) => el.querySelector(".unit-title")?.textContent === title,
          );
          if (!item) return reject(new Error(`no ${title}`));
          const t0 = performance.now();
          item.click();
          const check = () => {
            const text = document.querySelector(".manuscript")?.textContent ?? "";
            if (text.startsWith(firstWords)) requestAnimationFrame(() => resolve(performance.now() - t0));
            else requestAnimationFrame(check);
          };
          check();
        }),
      { title: book.units[target]!.title, firstWords },
    );
    switchTimes.push(ms);
  }

  // autosave cost, from the studio's own user timings
  await placeCaretAtEnd(quire);
  for (let i = 0; i < 5; i++) {
    await quire.keyboard.type(" more words for the save");
    await quire.getByTestId("save-state").filter({ hasText: /^Saved$/ }).waitFor({ timeout: 20_000 });
  }
  const saves = await quire.evaluate(() => ({
    total: performance.getEntriesByName("quire:save").map((e) => e.duration),
    serialize: performance.getEntriesByName("quire:save-serialize").map((e) => e.duration),
  }));
  const switchParts = await quire.evaluate(() =>
    Object.fromEntries(
      ["quire:unit-fetch", "quire:unit-parse", "quire:unit-mount"].map((n) => [n, performance.getEntriesByName(n).map((e) => e.duration)]),
    ),
  );

  const key = summary(quireLat);
  const bareKey = summary(bareLat);
  const sw = summary(switchTimes);
  const result = {
    project: { chapters: CHAPTERS, words: WORDS, mountedChapterWords: Math.round(WORDS / CHAPTERS) },
    keystrokeMs: key,
    bareTiptapKeystrokeMs: bareKey,
    keystrokeRatioP95: round(key.p95 / bareKey.p95),
    keystrokeRatioP50: round(key.p50 / bareKey.p50),
    chapterSwitchMs: sw,
    chapterSwitchPartsMs: Object.fromEntries(Object.entries(switchParts).map(([k, v]) => [k.replace("quire:", ""), summary(v)])),
    projectOpenMs: openMs,
    projectOpenInPageMs: round(openInPage),
    projectOpenPartsMs: Object.fromEntries(Object.entries(openParts).map(([k, v]) => [k, v === null ? null : round(v)])),
    autosave: { roundTripMs: summary(saves.total), serializeMs: summary(saves.serialize) },
    targets: { keystrokeP95Ms: 16, keystrokeRatioP95: 1.25, switchP95Ms: 50, openMs: 1000 },
    pass: {
      keystrokeP95: key.p95 < 16,
      keystrokeRatio: key.p95 / bareKey.p95 <= 1.25,
      switchP95: sw.p95 < 50,
      open: openMs < 1000,
    },
  };
  const file = writeBenchResult("editor", result);
  console.log(JSON.stringify(result, null, 2));
  console.log(`wrote ${file}`);
} finally {
  await browser.close();
  await server.stop();
  await bare.close();
  rmSync(root, { recursive: true, force: true });
}

// ── Drafting (issue 5): typing in a unit while a run drafts other units ─────────────────────
// Its own server (with the generated model) and browser, after the measurements above, so the two
// never disturb each other; it adds `duringRun` (p50/p95 and the ratio to idle typing) to editor.json.
if (process.env.BENCH_DURING_RUN !== "0") {
  const { execFileSync } = await import("node:child_process");
  execFileSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "editor-during-run.ts")], { stdio: "inherit" });
}
