/**
 * `quire plan BRIEF [--model FILE | --no-model] [--json]`: structure, budgets and placements (and,
 * with a model, titles and summaries). What the brief's words did not settle is never guessed in
 * silence: sentences not understood and readings assumed go to stderr, and into `--json`.
 */
import { parseCommandArgs, UsageError, wholeNumber } from "../args";
import { planBrief, planToJson, type PlannedBrief } from "../../engine/index";
import { readBriefFile } from "./engine-common";

export const summary = "plan a document from a brief: quire plan BRIEF [--model FILE | --no-model] [--json]";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    model: { type: "string" },
    "no-model": { type: "boolean" },
    json: { type: "boolean" },
    threads: { type: "string" },
  });
  const briefPath = positionals[0];
  if (!briefPath) throw new UsageError("BRIEF is required");
  if (values.model && values["no-model"]) throw new UsageError("--model and --no-model exclude each other");
  const threads = wholeNumber("threads", values.threads, 0, 1) || undefined;
  let planned: PlannedBrief;
  try {
    const brief = await readBriefFile(briefPath);
    // the structure must hold before a model is loaded (planBrief without one is the deterministic plan)
    planned = await planBrief(brief);
    if (values.model) {
      const { startLocalLlm } = await import("../../node/llm/index");
      const llm = await startLocalLlm({ modelPath: values.model, sequences: 1, threads, gpu: "auto" });
      try {
        // the model is asked only about the sentences the reader could not place, then fills the plan
        planned = await planBrief(brief, { llm });
      } finally {
        await llm.dispose();
      }
    }
  } catch (error) {
    process.stderr.write(`quire plan: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const { plan, brief } = planned;
  const json = planToJson(plan, brief);
  for (const n of json.unresolved) process.stderr.write(`not understood: “${n.text}” (${n.why})\n`);
  for (const n of json.assumed) process.stderr.write(`assumed: ${n.text ? `“${n.text}”: ` : ""}${n.why}\n`);
  const issues = planned.issues.filter((i) => (values.model || i.code !== "no-summary") && i.code !== "unplaced");
  for (const i of issues) process.stderr.write(`${i.severity}: ${i.message}\n`);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const lines = [`${plan.title}: ${plan.targetWords} ${plan.countUnit} (±${Math.round(plan.tolerance * 100)} %)`];
    const byId = new Map(plan.obligations.map((o) => [o.id, o]));
    for (const u of plan.units) {
      lines.push(`${"  ".repeat(u.depth)}${u.heading}  [${u.targetWords}]${u.summary ? ` — ${u.summary}` : ""}`);
      for (const id of u.obligations) lines.push(`${"  ".repeat(u.depth + 1)}• ${byId.get(id)?.text}`);
    }
    const unplaced = plan.obligations.filter((o) => o.unitIds.length === 0);
    if (unplaced.length > 0) {
      lines.push("anywhere (not placed):");
      for (const o of unplaced) lines.push(`  • ${o.text}`);
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  return issues.some((i) => i.severity === "error") ? 1 : 0;
}
