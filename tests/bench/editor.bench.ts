/**
 * bench:editor — typing and switching at book length, in real Chromium against browser mode.
 * Baseline measured in the same run: a bare Tiptap page holding the same chapter.
 * Then the writing modes (focus mode, typewriter scrolling, dimming) against plain writing, interleaved
 * round by round (BENCH_MODES=0 leaves them out). Writes bench-results/editor.json.
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

/** Clicks a chapter in the binder (in the DOM, so a binder hidden by focus mode works too) and times it until its first words show. */
async function switchChapter(page: Page, target: number): Promise<number> {
  const firstWords = book.units[target]!.body.replace(/[*_]/g, "").split(/\s+/).slice(0, 4).join(" ");
  return page.evaluate(
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
}

// ── the writing modes (issue 18): focus mode, typewriter scrolling, dimming; each against plain writing
const MODES = [
  { name: "plain", focus: false, typewriter: false, dim: false },
  { name: "focus", focus: true, typewriter: false, dim: false },
  { name: "focus+typewriter", focus: true, typewriter: true, dim: false },
  { name: "focus+typewriter+dim", focus: true, typewriter: true, dim: true },
] as const;

/** Puts the studio in a mode the way a writer would: the palette's toggles and the focus shortcut. */
async function setMode(page: Page, mode: (typeof MODES)[number]): Promise<void> {
  const prefs = () => page.evaluate(() => JSON.parse(localStorage.getItem("quire-layout") ?? "{}") as { typewriter?: boolean; dimOthers?: boolean });
  const command = async (title: string) => {
    await page.keyboard.press("Control+p");
    await page.getByTestId("command-palette").getByRole("combobox").fill(title);
    await page.keyboard.press("Enter");
    await page.getByTestId("command-palette").waitFor({ state: "detached" });
  };
  if (((await prefs()).typewriter ?? true) !== mode.typewriter) await command("Typewriter scrolling");
  if (((await prefs()).dimOthers ?? false) !== mode.dim) await command("Dim other paragraphs");
  if ((await page.locator(".studio.focus").count()) !== Number(mode.focus)) await page.keyboard.press("Control+Shift+F");
  await page.locator(mode.focus ? ".studio.focus" : ".studio:not(.focus)").waitFor();
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
  // the binder's counts come a moment after the text (projects.wordCounts): until the last row shows its count
  await quire.getByRole("treeitem").nth(CHAPTERS - 1).locator(".unit-words").waitFor();
  const openCountedMs = Date.now() - openStart;
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
  for (let i = 0; i < SWITCHES; i++) switchTimes.push(await switchChapter(quire, (i * 7 + 3) % CHAPTERS));

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

  // the modes, interleaved round by round so machine noise falls on all of them alike
  const modes: Record<string, { keys: number[]; switches: number[] }> = Object.fromEntries(MODES.map((m) => [m.name, { keys: [], switches: [] }]));
  if (process.env.BENCH_MODES !== "0") {
    for (let r = 0; r < ROUNDS; r++) {
      for (const mode of MODES) {
        await setMode(quire, mode);
        await placeCaretAtEnd(quire);
        modes[mode.name]!.keys.push(...(await typeRound(quire, KEYS_PER_ROUND)));
        for (let i = 0; i < Math.ceil(SWITCHES / ROUNDS / 2); i++) modes[mode.name]!.switches.push(await switchChapter(quire, (r * 11 + i * 7 + 5) % CHAPTERS));
      }
    }
    await setMode(quire, MODES[0]);
  }
  const plainModes = summary(modes.plain!.keys);
  const modeReport = Object.fromEntries(
    Object.entries(modes).map(([name, m]) => {
      const k = summary(m.keys);
      return [name, { keystrokeMs: k, chapterSwitchMs: summary(m.switches), keystrokeP95VsPlain: round(k.p95 / plainModes.p95) }];
    }),
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
    projectOpenCountedMs: openCountedMs,
    projectOpenInPageMs: round(openInPage),
    projectOpenPartsMs: Object.fromEntries(Object.entries(openParts).map(([k, v]) => [k, v === null ? null : round(v)])),
    autosave: { roundTripMs: summary(saves.total), serializeMs: summary(saves.serialize) },
    modes: modeReport,
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
