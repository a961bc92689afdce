/**
 * `quire draft BRIEF --model FILE --out FILE.md [--project DIR] [--resume] [--strategy …] [--parallel N]`
 * Progress on stderr, the stable JSON summary on stdout.
 */
import { resolve } from "node:path";
import { oneOf, parseCommandArgs, UsageError, wholeNumber } from "../args";
import { DraftRun, MemoryRunStore, STRATEGIES, ledgerTotals, planBrief, type LedgerEntry, type PlanIssue, type PlannedBrief, type RunEvent, type RunStore, type Strategy, type UnitRecord } from "../../engine/index";
import { FsRunStore } from "../../node/engine-store/fs-run-store";
import { writeFileAtomicCreatingFolder as writeFileAtomic } from "../../node/store/atomic-write";
import { assembleMarkdown, draftToJson, readBriefFile, readProjectBible } from "./engine-common";

export const summary = "draft a whole document: quire draft BRIEF --model FILE --out FILE.md [--project DIR] [--resume] [--strategy chapters|parallel|sequential] [--parallel N]";


export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    model: { type: "string" },
    out: { type: "string" },
    project: { type: "string" },
    resume: { type: "boolean" },
    strategy: { type: "string" },
    parallel: { type: "string" },
    threads: { type: "string" },
    context: { type: "string" },
    "max-revisions": { type: "string" },
    "no-judge": { type: "boolean" },
    "rules-facts": { type: "boolean" },
    "no-model-plan": { type: "boolean" },
    "run-id": { type: "string" },
    seed: { type: "string" },
    quiet: { type: "boolean" },
  });
  const briefPath = positionals[0];
  if (!briefPath || !values.model || !values.out) throw new UsageError("BRIEF, --model and --out are required");
  const strategy = oneOf("strategy", values.strategy, STRATEGIES, "chapters");
  const parallel = wholeNumber("parallel", values.parallel, 2, 1);
  const result = await draftDocument({
    briefPath, modelPath: values.model, outPath: values.out, projectDir: values.project, resume: values.resume ?? false,
    strategy, parallel, threads: values.threads ? wholeNumber("threads", values.threads, 2, 1) : undefined,
    contextSize: values.context ? wholeNumber("context", values.context, 4096, 256) : undefined,
    maxRevisions: wholeNumber("max-revisions", values["max-revisions"], 2), judge: !values["no-judge"],
    factExtraction: values["rules-facts"] ? "rules" : "model",
    modelPlan: !values["no-model-plan"], runId: values["run-id"] ?? "draft", seed: values.seed ? wholeNumber("seed", values.seed, 0) : undefined,
    progress: values.quiet ? undefined : (line) => process.stderr.write(`${line}\n`),
  });
  if (!result.ok) {
    process.stderr.write(`quire draft: ${result.error}\n`);
    return result.code;
  }
  process.stdout.write(`${JSON.stringify(result.json, null, 2)}\n`);
  return draftExitCode(result.status);
}

/**
 * How `quire draft` exits for the way its run ended (the README lists them): 0 done; 4 finished
 * with failed units (the model gave no prose for some units after their retries: the rest is
 * written, `--resume` tries them again); 3 paused or cancelled; 1 when the run failed (and on
 * errors before it began); 2 when the run id is taken.
 */
export function draftExitCode(status: string): number {
  switch (status) {
    case "done":
      return 0;
    case "finished-with-failures":
      return 4;
    case "failed":
      return 1;
    default:
      return 3;
  }
}

export interface DraftDocumentOptions {
  briefPath: string;
  modelPath: string;
  outPath: string;
  projectDir?: string;
  resume: boolean;
  strategy: Strategy;
  parallel: number;
  threads?: number;
  contextSize?: number;
  maxRevisions: number;
  judge: boolean;
  /** "rules": no model call to read facts from finished units */
  factExtraction?: "model" | "rules";
  modelPlan: boolean;
  runId: string;
  seed?: number;
  progress?: (line: string) => void;
}

export type DraftDocumentResult =
  | { ok: true; status: string; json: ReturnType<typeof draftToJson>; records: Map<string, UnitRecord>; ledger: LedgerEntry[]; planningLedger: LedgerEntry[]; seconds: number }
  | { ok: false; code: number; error: string };

export async function draftDocument(o: DraftDocumentOptions): Promise<DraftDocumentResult> {
  const started = Date.now();
  let planned: PlannedBrief;
  try {
    // the deterministic plan first: a brief that cannot be planned fails before a model is loaded
    planned = await planBrief(await readBriefFile(o.briefPath));
  } catch (error) {
    return { ok: false, code: 1, error: error instanceof Error ? error.message : String(error) };
  }
  const problems = (issues: PlanIssue[]) => {
    const errors = issues.filter((i) => i.severity === "error");
    return errors.length > 0 ? `the plan has problems:\n${errors.map((e) => `  - ${e.message}`).join("\n")}` : null;
  };
  const unplannable = problems(planned.issues);
  if (unplannable) return { ok: false, code: 1, error: unplannable };
  let plan = planned.plan;

  const store: RunStore = o.projectDir ? await FsRunStore.at(resolve(o.projectDir)) : new MemoryRunStore();
  const existing = await store.loadState(o.runId);
  if (existing && !o.resume) {
    return { ok: false, code: 2, error: `${resolve(o.projectDir ?? ".", "runs", o.runId)} already holds a run: pass --resume to continue it, or --run-id NAME for a new one` };
  }
  if (!existing && o.resume) o.progress?.(`no run "${o.runId}" to resume; starting a new one`);

  const { startLocalLlm } = await import("../../node/llm/index");
  const llm = await startLocalLlm({ modelPath: resolve(o.modelPath), sequences: o.parallel, threads: o.threads, contextSize: o.contextSize, gpu: "auto" });
  const planningLedger: LedgerEntry[] = [];
  let interrupted = 0;
  let draftRun: DraftRun | null = null;
  const onSigint = () => {
    interrupted++;
    o.progress?.(interrupted === 1 ? "interrupted: finishing units in flight (Ctrl+C again to stop now); resume with --resume" : "stopping now");
    if (interrupted === 1) draftRun?.pause();
    else draftRun?.cancel();
  };
  process.on("SIGINT", onSigint);
  try {
    if (existing) {
      draftRun = await DraftRun.open({ llm, store }, o.runId, { strategy: o.strategy, parallel: o.parallel, maxRevisions: o.maxRevisions, judge: o.judge, factExtraction: o.factExtraction ?? "model" });
      plan = draftRun.state.plan;
    } else {
      if (o.modelPlan) {
        o.progress?.(`planning ${plan.units.length} units with the model…`);
        planned = await planBrief(planned.brief, { llm, onLedger: (e) => planningLedger.push(e) });
        plan = planned.plan;
        const unheld = problems(planned.issues);
        if (unheld) return { ok: false, code: 1, error: unheld };
      }
      const bible = o.projectDir ? await readProjectBible(resolve(o.projectDir)) : [];
      draftRun = await DraftRun.create({ llm, store }, {
        runId: o.runId, brief: planned.brief, plan, bible,
        options: { strategy: o.strategy, parallel: o.parallel, maxRevisions: o.maxRevisions, judge: o.judge, factExtraction: o.factExtraction ?? "model", seed: o.seed },
      });
      draftRun.state.ledger.push(...planningLedger);
    }
    const total = plan.units.filter((u) => u.isLeaf).length;
    draftRun.on((e: RunEvent) => {
      if (e.type === "unit-failed") o.progress?.(`  ${e.heading}: not drafted: ${e.reason}`);
      else if (e.type === "unit-done") {
        const flags = e.findings.filter((f) => f.severity === "error").map((f) => f.code);
        o.progress?.(`  ${e.heading}: ${e.words}/${e.targetWords} ${plan!.countUnit}${e.revisions ? `, ${e.revisions} revision(s)` : ""}${flags.length ? `, open: ${flags.join(", ")}` : ""}`);
      } else if (e.type === "progress") {
        o.progress?.(`[${e.unitsDone}/${total}] ${e.words} ${plan!.countUnit}, ${e.tokensPerSecond.toFixed(1)} tok/s${e.etaSeconds !== null ? `, ETA ${Math.round(e.etaSeconds)} s` : ""}`);
      } else if (e.type === "seam" && !e.joins) {
        const heading = (id: string) => plan!.units.find((u) => u.id === id)?.heading ?? id;
        const bridge = e.proposalId ? (e.autopilot === "applied" ? ", bridged" : ", a bridge is proposed") : "";
        o.progress?.(`  ${heading(e.beforeId)} → ${heading(e.afterId)} does not join: ${e.problem ?? "?"}${bridge}`);
      } else if (e.type === "run-ended" && e.error) o.progress?.(`run ${e.status}: ${e.error}`);
    });
    const state = await draftRun.start();
    const units = await draftRun.texts();
    const records = new Map(units.map((u) => [u.unit.id, u.record]));
    const texts = new Map(units.map((u) => [u.unit.id, u.text]));
    await writeFileAtomic(resolve(o.outPath), assembleMarkdown(state.plan, texts));
    const ledger = [...state.ledger, ...units.flatMap((u) => u.record.ledger), ...(state.failed ?? []).flatMap((f) => f.ledger)];
    const totals = ledgerTotals(ledger);
    const seconds = (Date.now() - started) / 1000;
    o.progress?.(`${state.status}: wrote ${resolve(o.outPath)}`);
    const failed = new Map((state.failed ?? []).map((f) => [f.unitId, f.reason]));
    return { ok: true, status: state.status, json: draftToJson(state.plan, records, totals.completionTokens, seconds, failed), records, ledger, planningLedger: state.ledger, seconds };
  } catch (error) {
    return { ok: false, code: 1, error: error instanceof Error ? error.message : String(error) };
  } finally {
    process.off("SIGINT", onSigint);
    await llm.dispose();
  }
}
