/** Required content: a cheap lexical check first, then (optionally) the model as a yes/no judge on the likeliest passages. */
import { z } from "zod";
import type { LlmPort, SequenceLease } from "../../shared/llm/llm-port";
import { parseModelReply } from "../base/parse";
import type { Finding } from "./types";

const STOP = new Set(
  "a an the and or but of in on at to for with from by as is are was were be been being it its this that these those his her their he she they them him i you we our your my me into over under then than there here when where who whom which what while after before during each every some any all no not so very just also has have had do does did will would can could should may might must shall up down out about again once".split(" "),
);

function stem(w: string): string {
  return w.replace(/(?:'s|’s)$/, "").replace(/(?:ing|ed|es|s)$/, "");
}

export function contentWords(text: string): string[] {
  return [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP.has(w) && (w.length > 2 || /\p{Script=Han}/u.test(w))).map(stem))];
}

/** Share of the obligation's content words found in the text. */
export function lexicalCoverage(obligation: string, text: string): number {
  const need = contentWords(obligation);
  if (need.length === 0) return 1;
  const have = new Set(contentWords(text));
  return need.filter((w) => have.has(w)).length / need.length;
}

export const LEXICAL_MET = 0.75;

export interface ObligationCheck {
  obligationId: string;
  met: boolean | null;
  by: "lexical" | "judge" | "none";
  coverage: number;
}

export interface JudgeOptions {
  llm: LlmPort;
  lease?: SequenceLease;
  /** Largest passage shown to the judge, in characters, so the call fits a small context. */
  maxChars?: number;
  /** Each judge call, for the ledger; `note` says when its reply did not fit the schema. */
  onCall?: (c: { promptTokens: number; completionTokens: number; millis: number; note?: string }) => void;
}

/** The paragraphs most likely to hold the content, up to maxChars, in text order. */
export function likelyPassages(content: string, text: string, maxChars: number): string {
  const paras = text.split(/\n\s*\n/).map((p, i) => ({ p: p.trim(), i })).filter((x) => x.p);
  const scored = paras.map((x) => ({ ...x, s: lexicalCoverage(content, x.p) })).sort((a, b) => b.s - a.s || a.i - b.i);
  const picked: typeof scored = [];
  let n = 0;
  for (const x of scored) {
    if (n + x.p.length > maxChars && picked.length > 0) break;
    picked.push(x);
    n += x.p.length;
  }
  return picked.sort((a, b) => a.i - b.i).map((x) => x.p.slice(0, maxChars)).join("\n\n");
}

const JUDGE_SCHEMA = {
  type: "object",
  properties: { answer: { type: "string", enum: ["yes", "no"] } },
  required: ["answer"],
} as const;
const judgeReply = z.object({ answer: z.enum(["yes", "no"]) });

export async function judgeObligation(content: string, text: string, opts: JudgeOptions, unitId?: string): Promise<boolean | null> {
  const passage = likelyPassages(content, text, opts.maxChars ?? 2400);
  const result = await opts.llm.generate({
    purpose: { kind: "judge", unitId: unitId ?? null },
    messages: [
      { role: "system", content: "You check whether a passage contains a required event or detail. Answer only yes or no." },
      { role: "user", content: `Requirement: ${content}\n\nPassage:\n${passage}\n\nDoes the passage contain the requirement? Answer yes or no.` },
    ],
    maxTokens: 12,
    jsonSchema: JUDGE_SCHEMA,
    sampling: { temperature: 0 },
    lease: opts.lease,
  });
  const reply = parseModelReply(judgeReply, result.text, "the requirement judge");
  opts.onCall?.({ promptTokens: result.promptTokens, completionTokens: result.completionTokens, millis: result.millis, ...(reply.ok ? {} : { note: reply.error }) });
  if (reply.ok) return reply.value.answer === "yes";
  // a reply outside the grammar (cut off, or a runtime without one) still often says yes or no
  return /\byes\b/i.test(result.text) ? true : /\bno\b/i.test(result.text) ? false : null;
}

export async function checkObligations(
  text: string,
  obligations: { id: string; content: string; text: string }[],
  judge: JudgeOptions | null,
  unitId?: string,
): Promise<{ checks: ObligationCheck[]; findings: Finding[] }> {
  const checks: ObligationCheck[] = [];
  const findings: Finding[] = [];
  for (const ob of obligations) {
    const coverage = lexicalCoverage(ob.content, text);
    let check: ObligationCheck;
    if (coverage >= LEXICAL_MET) check = { obligationId: ob.id, met: true, by: "lexical", coverage };
    else if (judge) check = { obligationId: ob.id, met: await judgeObligation(ob.content, text, judge, unitId), by: "judge", coverage };
    else check = { obligationId: ob.id, met: null, by: "none", coverage };
    checks.push(check);
    if (check.met === false || (check.met === null && coverage < 0.3)) {
      findings.push({
        monitor: "obligation",
        severity: "error",
        code: "missing-obligation",
        unitId,
        obligationId: ob.id,
        message: `not found: "${ob.text}"`,
        fix: { kind: "insert-obligation", obligationId: ob.id, content: ob.content },
      });
    }
  }
  return { checks, findings };
}
