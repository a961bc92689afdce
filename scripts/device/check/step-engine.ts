/**
 * Step 5: a short engine draft on the same backend, the way every caller drives the engine:
 * planBrief() (with the model), then a DraftRun (tests/bench/engine.bench.ts's brief).
 */
import { startLocalLlm } from "../../../electron/node/llm";
import { DraftRun, MemoryRunStore, parseBrief, planBrief, type LedgerEntry } from "../../../electron/engine/index";
import type { CheckOptions } from "./options";
import { round, type Json, type Report } from "./report";

/** Calls and tokens by ledger kind (planning, drafting, judging, revising…). */
function byKind(ledger: LedgerEntry[]): Record<string, { calls: number; promptTokens: number; completionTokens: number }> {
  const out: Record<string, { calls: number; promptTokens: number; completionTokens: number }> = {};
  for (const e of ledger) {
    const k = (out[e.kind] ??= { calls: 0, promptTokens: 0, completionTokens: 0 });
    k.calls++;
    k.promptTokens += e.promptTokens;
    k.completionTokens += e.completionTokens;
  }
  return out;
}

async function draft(o: CheckOptions, llm: Awaited<ReturnType<typeof startLocalLlm>>): Promise<Json> {
  const { words, units, parallel } = o.engine;
  const brief = parseBrief(`# Bench\nA novel of ${units} chapters, ${words} words in total. In chapter 2, the ferry leaves without Ines.`);
  const ledger: LedgerEntry[] = [];
  const t0 = performance.now();
  const { plan, brief: planned } = await planBrief(brief, { llm, onLedger: (e) => ledger.push(e) });
  const tPlanned = performance.now();
  const run = await DraftRun.create({ llm, store: new MemoryRunStore() }, { runId: "cuda-check", brief: planned, plan, options: { parallel, seed: 1 } });
  const state = await run.start();
  const wall = (performance.now() - t0) / 1000;
  const texts = await run.texts();
  for (const u of texts) ledger.push(...u.record.ledger);
  const kinds = byKind(ledger);
  const completion = Object.values(kinds).reduce((a, k) => a + k.completionTokens, 0);
  return {
    backend: llm.loadReport?.backend,
    brief: { words, units, parallel },
    status: state.status,
    wallSeconds: round(wall, 2),
    planningSeconds: round((tPlanned - t0) / 1000, 2),
    draftingSeconds: round((performance.now() - tPlanned) / 1000, 2),
    wordsWritten: texts.reduce((a, u) => a + u.record.words, 0),
    completionTokens: completion,
    completionTokensPerSecond: round(completion / wall),
    byKind: kinds,
  };
}

export async function engineDraft(o: CheckOptions, report: Report, modelPath: string | undefined): Promise<Json> {
  if (!modelPath) throw new Error("no model");
  const llm = await startLocalLlm({ modelPath, sequences: o.engine.parallel, contextSize: 2048, gpu: o.gpu, ...(o.threads ? { threads: o.threads } : {}) });
  const budgetMs = Math.max(10_000, (report.left() - 10) * 1000);
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`draft not done within ${Math.round(budgetMs / 1000)} s (deadline)`)), budgetMs);
    });
    return await Promise.race([draft(o, llm), timeout]);
  } finally {
    if (timer) clearTimeout(timer);
    await llm.dispose().catch(() => {});
  }
}
