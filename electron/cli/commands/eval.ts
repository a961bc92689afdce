/**
 * `quire eval --suite FILE.jsonl --model FILE [--out DIR]`: each task through Quire and through a
 * single-pass baseline with the same model; S_l, units within ±10 %, completion, obligations met,
 * repetition, tokens and time, as JSON (stdout and DIR/eval.json) plus DIR/eval.md and DIR/eval.html.
 *
 * A suite line is either {"id", "brief"} (brief: Markdown with optional front matter, inline or a path
 * relative to the suite) or a LongBench-Write line {"prompt", "type", "length"}.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { countWords } from "../../shared/text/count-words";
import type { LlmPort } from "../../shared/llm/llm-port";
import { z } from "zod";
import { oneOf, parseCommandArgs, UsageError, wholeNumber } from "../args";
import { DraftRun, LEXICAL_MET, MemoryRunStore, STRATEGIES, htmlReport, ledgerTotals, lengthScore, lexicalCoverage, markdownReport, parseBrief, parseJsonText, parseWith, planBrief, repetitionRate, summarise, type Brief, type Strategy, type SystemResult, type TaskResult } from "../../engine/index";
import { writeFileAtomicCreatingFolder as writeFileAtomic } from "../../node/store/atomic-write";
import { assembleMarkdown } from "./engine-common";

export const summary = "evaluate Quire against a single pass: quire eval --suite FILE.jsonl --model FILE [--out DIR] [--limit N]";

interface SuiteTask {
  id: string;
  brief: Brief;
}

/** One line of a suite: a Quire task (a brief) or a LongBench-Write task (prompt, type, length). */
const suiteLine = z.object({
  id: z.string().optional(),
  brief: z.string().optional(),
  prompt: z.string().optional(),
  type: z.string().optional(),
  length: z.number().int().positive().optional(),
});

export async function loadSuite(path: string): Promise<SuiteTask[]> {
  const lines = (await readFile(path, "utf8")).split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("//"));
  return Promise.all(
    lines.map(async (line, i) => {
      const where = `${path}:${i + 1}`;
      const v = parseWith(suiteLine, parseJsonText(line, where), where, "a suite task");
      const id = v.id ?? `task-${i + 1}`;
      if (v.brief !== undefined) {
        const candidate = resolve(dirname(path), v.brief);
        const source = v.brief.endsWith(".md") && existsSync(candidate) ? await readFile(candidate, "utf8") : v.brief;
        return { id, brief: parseBrief(source, where) };
      }
      if (v.prompt !== undefined && v.length !== undefined) {
        const source = `---\nlength: ${v.length}\n---\n${v.prompt}`;
        return { id: v.type ? `${id} (${v.type})` : id, brief: parseBrief(source, where) };
      }
      throw new Error(`${where}: a task needs "brief", or "prompt" and "length"`);
    }),
  );
}

async function runQuire(task: SuiteTask, llm: LlmPort, o: { strategy: Strategy; parallel: number; judge: boolean }): Promise<SystemResult & { text: string }> {
  const started = Date.now();
  // planned as every caller plans (deterministically here: the comparison is about drafting)
  const { brief, plan } = await planBrief(task.brief);
  const run = await DraftRun.create({ llm, store: new MemoryRunStore() }, { runId: task.id.replace(/[^A-Za-z0-9._-]/g, "_"), brief, plan, options: { strategy: o.strategy, parallel: o.parallel, judge: o.judge } });
  const state = await run.start();
  const units = await run.texts();
  const texts = new Map(units.map((u) => [u.unit.id, u.text]));
  const doc = assembleMarkdown(state.plan, texts);
  const leaves = plan.units.filter((u) => u.isLeaf);
  const words = units.reduce((a, u) => a + u.record.words, 0);
  const checks = units.flatMap((u) => u.record.obligations);
  const tokens = units.reduce((a, u) => a + ledgerTotals(u.record.ledger).completionTokens, 0);
  return {
    text: doc,
    words,
    lengthScore: lengthScore(plan.targetWords, words),
    unitsWithin10: leaves.length === 0 ? 0 : units.filter((u) => Math.abs(u.record.words - u.unit.targetWords) <= u.unit.targetWords * 0.1).length / leaves.length,
    complete: units.length === leaves.length && units.every((u) => u.record.words > 0),
    obligationsMet: checks.length === 0 ? null : checks.filter((c) => c.met === true).length / checks.length,
    repetitionRate: repetitionRate(units.map((u) => u.text).join("\n\n")),
    tokens,
    seconds: (Date.now() - started) / 1000,
    units: units.map((u) => ({ target: u.unit.targetWords, words: u.record.words })),
  };
}

async function runBaseline(task: SuiteTask, llm: LlmPort): Promise<SystemResult> {
  const started = Date.now();
  const b = task.brief;
  const info = await llm.info();
  const prompt = `${b.instructions}\n\nWrite the whole ${b.kind}, about ${b.length.total} ${b.length.unit}.`;
  const promptTokens = await llm.countTokens(prompt);
  // one pass, as much as the context allows: the baseline's real limit
  const room = Math.max(64, (info?.contextSize ?? 4096) - promptTokens - 64);
  const r = await llm.generate({ messages: [{ role: "user", content: prompt }], maxTokens: Math.min(room, Math.ceil(b.length.total * 2)), sampling: { temperature: 0.8, repeatPenalty: { penalty: 1.1, lastTokens: 128 } } });
  const words = countWords(r.text, b.length.unit);
  const obligations = b.requirements.map((q) => lexicalCoverage(q.content, r.text) >= LEXICAL_MET);
  return {
    words,
    lengthScore: lengthScore(b.length.total, words),
    unitsWithin10: Math.abs(words - b.length.total) <= b.length.total * 0.1 ? 1 : 0,
    complete: words > 0,
    obligationsMet: obligations.length === 0 ? null : obligations.filter(Boolean).length / obligations.length,
    repetitionRate: repetitionRate(r.text),
    tokens: r.completionTokens,
    seconds: (Date.now() - started) / 1000,
    units: [{ target: b.length.total, words }],
  };
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    suite: { type: "string" },
    model: { type: "string" },
    out: { type: "string" },
    limit: { type: "string" },
    threads: { type: "string" },
    parallel: { type: "string" },
    context: { type: "string" },
    strategy: { type: "string" },
    "no-judge": { type: "boolean" },
  });
  if (!values.suite || !values.model) throw new UsageError("--suite and --model are required");
  const limit = wholeNumber("limit", values.limit, 0);
  const parallel = wholeNumber("parallel", values.parallel, 2, 1);
  const threads = values.threads ? wholeNumber("threads", values.threads, 2, 1) : undefined;
  const contextSize = values.context ? wholeNumber("context", values.context, 4096, 256) : undefined;
  const strategy = oneOf("strategy", values.strategy, STRATEGIES, "chapters");
  let tasks: SuiteTask[];
  try {
    tasks = await loadSuite(values.suite);
  } catch (error) {
    process.stderr.write(`quire eval: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  if (limit > 0) tasks = tasks.slice(0, limit);
  const { startLocalLlm } = await import("../../node/llm/index");
  const llm = await startLocalLlm({
    modelPath: resolve(values.model), sequences: parallel, gpu: "auto",
    threads,
    contextSize,
  });
  const results: TaskResult[] = [];
  try {
    for (const task of tasks) {
      process.stderr.write(`${task.id}: Quire…\n`);
      const quire = await runQuire(task, llm, { strategy, parallel, judge: !values["no-judge"] });
      process.stderr.write(`${task.id}: single pass…\n`);
      const baseline = await runBaseline(task, llm);
      const { text: _text, ...q } = quire;
      results.push({ id: task.id, targetWords: task.brief.length.total, countUnit: task.brief.length.unit, quire: q, baseline });
      process.stderr.write(`${task.id}: S_l Quire ${q.lengthScore.toFixed(1)}, single pass ${baseline.lengthScore.toFixed(1)}\n`);
    }
  } finally {
    await llm.dispose();
  }
  const overall = summarise(results);
  const report = { schemaVersion: 1, model: values.model, tasks: results, overall };
  if (values.out) {
    const dir = resolve(values.out);
    await mkdir(dir, { recursive: true });
    const md = markdownReport(values.model, results, overall);
    await writeFileAtomic(join(dir, "eval.json"), `${JSON.stringify(report, null, 2)}\n`);
    await writeFileAtomic(join(dir, "eval.md"), md);
    await writeFileAtomic(join(dir, "eval.html"), htmlReport(values.model, results, overall, md));
    process.stderr.write(`reports in ${dir}\n`);
  }
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}
