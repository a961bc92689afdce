/**
 * Scoring of brief understanding, shared by `npm run bench:briefs` and the corpus unit test.
 *
 * - The project's corpus (tests/fixtures/brief-corpus/<set>/<id>.md + .expected.json) is scored as
 *   its README says: the leaf count, each (item, leaf) pair of `placements`, where a plan item
 *   matches the key its text contains; items matching no key (and no `unplaced` key) count as
 *   predicted and wrong; budgets must sum to the total.
 * - A LongGenBench file (a JSON array of {prompt, checks_once, checks_range, checks_periodic, type,
 *   number}) is scored the same way, with its gold labels: a label matches the brief item whose
 *   text contains it (word for word, allowing for words the label adds, such as a joining
 *   "featuring"); brief items no label matches (weekly updates, separators) are listed, not scored.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildPlan, parseBrief } from "../../electron/engine/index";

export interface PlannedBrief {
  leaves: { heading: string; targetWords: number }[];
  items: { text: string; leaves: number[]; notPlaced?: string }[];
  total: number;
  budgetSum: number;
  unresolved: { text: string; why: string }[];
  assumed: { text: string; why: string }[];
  error?: string;
}

export function planBrief(source: string, file = "brief.md"): PlannedBrief {
  try {
    const brief = parseBrief(source, file);
    const plan = buildPlan(brief);
    const leaves = plan.units.filter((u) => u.isLeaf);
    const index = new Map(leaves.map((u, i) => [u.id, i + 1]));
    return {
      leaves: leaves.map((u) => ({ heading: u.heading, targetWords: u.targetWords })),
      items: plan.obligations.map((o) => ({ text: o.text, leaves: o.unitIds.map((id) => index.get(id)!).sort((a, b) => a - b), ...(o.notPlaced ? { notPlaced: o.notPlaced } : {}) })),
      total: plan.targetWords,
      budgetSum: leaves.reduce((a, u) => a + u.targetWords, 0),
      unresolved: brief.unresolved.map((n) => ({ text: n.text, why: n.why })),
      assumed: brief.assumed.map((n) => ({ text: n.text, why: n.why })),
    };
  } catch (error) {
    return { leaves: [], items: [], total: 0, budgetSum: 0, unresolved: [], assumed: [], error: error instanceof Error ? error.message : String(error) };
  }
}

export interface BriefScore {
  id: string;
  type: string;
  unitsRight: boolean;
  expectedUnits: number;
  gotUnits: number;
  gold: number;
  predicted: number;
  hit: number;
  budgetsOk: boolean;
  lengthOk: boolean;
  misses: string[];
  /** Items no gold label matched (LongGenBench): listed, not scored. */
  unscored: string[];
  unresolved: { text: string; why: string }[];
  assumed: { text: string; why: string }[];
}

export const recall = (s: Pick<BriefScore, "gold" | "hit">) => (s.gold === 0 ? 1 : s.hit / s.gold);
export const precision = (s: Pick<BriefScore, "predicted" | "hit">) => (s.predicted === 0 ? 1 : s.hit / s.predicted);
/** One figure per brief for "no single brief below 0.90": the lower of its recall and precision. */
export const briefScore = (s: BriefScore) => Math.min(recall(s), precision(s));

// ── the project's corpus ──────────────────────────────────────────────

export interface Expected {
  type: string;
  targetWords: number | null;
  countUnit?: "words" | "characters";
  units: number;
  levels?: string[];
  leafWords?: number | number[];
  headings?: Record<string, string>;
  placements: Record<string, number[]>;
  unplaced?: string[];
  assumed?: boolean;
}

export function scoreCorpusBrief(id: string, source: string, expected: Expected): BriefScore {
  const got = planBrief(source, `${id}.md`);
  const misses: string[] = [];
  if (got.error) misses.push(`error: ${got.error}`);
  const contains = (text: string, key: string) => text.toLowerCase().includes(key.toLowerCase());
  let gold = 0;
  let hit = 0;
  let predicted = 0;
  for (const [key, leaves] of Object.entries(expected.placements)) {
    const items = got.items.filter((it) => contains(it.text, key));
    const pred = new Set(items.flatMap((it) => it.leaves));
    const want = new Set(leaves);
    gold += want.size;
    predicted += pred.size;
    const ok = [...want].filter((n) => pred.has(n)).length;
    hit += ok;
    if (items.length === 0) misses.push(`“${key}”: no plan item contains it (expected ${fmt(leaves)})`);
    else if (ok !== want.size || pred.size !== want.size) misses.push(`“${key}”: placed on ${fmt([...pred])}${items.some((i) => i.notPlaced) ? ` (${items.find((i) => i.notPlaced)!.notPlaced})` : ""}, expected ${fmt(leaves)}`);
  }
  const keys = [...Object.keys(expected.placements), ...(expected.unplaced ?? [])];
  for (const it of got.items) {
    if (keys.some((k) => contains(it.text, k))) continue;
    if (it.leaves.length === 0) continue;
    predicted += it.leaves.length;
    misses.push(`extra: “${clip(it.text)}” placed on ${fmt(it.leaves)}`);
  }
  for (const k of expected.unplaced ?? []) {
    const it = got.items.find((i) => contains(i.text, k));
    if (!it) misses.push(`unplaced “${k}”: not kept in the plan`);
    else if (it.leaves.length > 0 && !got.unresolved.some((u) => contains(u.text, k))) misses.push(`unplaced “${k}”: guessed ${fmt(it.leaves)} without saying so`);
  }
  const unitsRight = got.leaves.length === expected.units;
  if (!unitsRight) misses.push(`units: ${got.leaves.length}, expected ${expected.units}`);
  const lengthOk = expected.targetWords === null || got.total === expected.targetWords;
  if (!lengthOk) misses.push(`length: ${got.total}, expected ${expected.targetWords}`);
  const budgetsOk = got.budgetSum === got.total && got.leaves.length > 0;
  if (!budgetsOk) misses.push(`budgets sum to ${got.budgetSum}, not ${got.total}`);
  if (expected.leafWords !== undefined && unitsRight) {
    const want = Array.isArray(expected.leafWords) ? expected.leafWords : got.leaves.map(() => expected.leafWords as number);
    const wrong = got.leaves.findIndex((u, i) => u.targetWords !== want[i]);
    if (wrong >= 0) misses.push(`leaf ${wrong + 1} budget ${got.leaves[wrong]!.targetWords}, expected ${want[wrong]}`);
  }
  for (const [n, start] of Object.entries(expected.headings ?? {})) {
    const h = got.leaves[Number(n) - 1]?.heading ?? "";
    if (!h.startsWith(start)) misses.push(`heading ${n}: “${h}”, expected to begin “${start}”`);
  }
  if (expected.assumed && got.assumed.length === 0 && got.unresolved.length === 0) misses.push("assumed: the brief leaves something to assume, but nothing is listed");
  return { id, type: expected.type, unitsRight, expectedUnits: expected.units, gotUnits: got.leaves.length, gold, predicted, hit, budgetsOk, lengthOk, misses, unscored: [], unresolved: got.unresolved, assumed: got.assumed };
}

export function loadCorpus(dir: string): { id: string; source: string; expected: Expected }[] {
  let files: string[];
  try {
    // a set's README and its writer's NOTES are no briefs
    files = readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "README.md" && f !== "NOTES.md").sort();
  } catch {
    return [];
  }
  return files.map((f) => {
    const id = f.replace(/\.md$/, "");
    return { id, source: readFileSync(join(dir, f), "utf8"), expected: JSON.parse(readFileSync(join(dir, `${id}.expected.json`), "utf8")) as Expected };
  });
}

// ── LongGenBench ──────────────────────────────────────────────────────

export interface LongGenBenchEntry {
  prompt: string;
  checks_once?: Record<string, string>;
  checks_range?: Record<string, string>;
  checks_periodic?: Record<string, string>;
  type: string;
  number: number;
}

const tokens = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []);

/** The share of a label's words an item's text contains. */
function overlap(label: Set<string>, item: Set<string>): number {
  let n = 0;
  for (const t of label) if (item.has(t)) n++;
  return label.size === 0 ? 0 : n / label.size;
}

const MATCH = 0.6;

export function scoreLongGenBench(id: string, entry: LongGenBenchEntry): BriefScore {
  const got = planBrief(entry.prompt, `${id}.md`);
  const goldPairs = new Map<string, Set<number>>();
  for (const checks of [entry.checks_once, entry.checks_range, entry.checks_periodic]) {
    for (const [unit, raw] of Object.entries(checks ?? {})) {
      // two items on one unit share a key, their labels joined by ", "
      for (const label of raw.split(/,\s+/).map((l) => l.trim()).filter(Boolean)) {
        const set = goldPairs.get(label) ?? new Set<number>();
        set.add(Number.parseInt(unit, 10));
        goldPairs.set(label, set);
      }
    }
  }
  const labels = [...goldPairs.keys()];
  const labelTokens = new Map(labels.map((l) => [l, tokens(l)]));
  // each item goes to the label it matches best (a longer label wins a tie: "large recreational park" over "park")
  const assigned = new Map<string, { item: number; score: number }[]>();
  const unscored: string[] = [];
  got.items.forEach((it, i) => {
    const t = tokens(it.text);
    let best: { label: string; score: number } | null = null;
    for (const l of labels) {
      const s = overlap(labelTokens.get(l)!, t);
      if (s < MATCH) continue;
      if (!best || s > best.score || (s === best.score && labelTokens.get(l)!.size > labelTokens.get(best.label)!.size)) best = { label: l, score: s };
    }
    if (!best) {
      unscored.push(clip(it.text));
      return;
    }
    assigned.set(best.label, [...(assigned.get(best.label) ?? []), { item: i, score: best.score }]);
  });
  let gold = 0;
  let predicted = 0;
  let hit = 0;
  const misses: string[] = [];
  for (const label of labels) {
    const want = goldPairs.get(label)!;
    const mine = assigned.get(label) ?? [];
    const top = Math.max(0, ...mine.map((m) => m.score));
    const items = mine.filter((m) => m.score === top).map((m) => got.items[m.item]!);
    const pred = new Set(items.flatMap((it) => it.leaves));
    gold += want.size;
    predicted += pred.size;
    const ok = [...want].filter((n) => pred.has(n)).length;
    hit += ok;
    if (items.length === 0) misses.push(`“${label}”: no brief item matches it (expected ${fmt([...want])})`);
    else if (ok !== want.size || pred.size !== want.size) misses.push(`“${label}”: placed on ${fmt([...pred])}, expected ${fmt([...want])}${items.find((i) => i.notPlaced)?.notPlaced ? ` (${items.find((i) => i.notPlaced)!.notPlaced})` : ""}`);
  }
  const unitsRight = got.leaves.length === entry.number;
  if (!unitsRight) misses.push(`units: ${got.leaves.length}, expected ${entry.number}`);
  if (got.error) misses.push(`error: ${got.error}`);
  const budgetsOk = got.budgetSum === got.total && got.leaves.length > 0;
  if (!budgetsOk) misses.push(`budgets sum to ${got.budgetSum}, not ${got.total}`);
  return { id, type: entry.type, unitsRight, expectedUnits: entry.number, gotUnits: got.leaves.length, gold, predicted, hit, budgetsOk, lengthOk: true, misses, unscored, unresolved: got.unresolved, assumed: got.assumed };
}

// ── figures ───────────────────────────────────────────────────────────

export interface Figures {
  briefs: number;
  unitsRight: number;
  recall: number;
  precision: number;
  budgetsOk: number;
  lowest: { id: string; score: number } | null;
}

export function figures(scores: BriefScore[]): Figures {
  const sum = (f: (s: BriefScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  const lowest = scores.reduce<{ id: string; score: number } | null>((lo, s) => (!lo || briefScore(s) < lo.score ? { id: s.id, score: briefScore(s) } : lo), null);
  return {
    briefs: scores.length,
    unitsRight: scores.length === 0 ? 1 : sum((s) => (s.unitsRight ? 1 : 0)) / scores.length,
    recall: recall({ gold: sum((s) => s.gold), hit: sum((s) => s.hit) }),
    precision: precision({ predicted: sum((s) => s.predicted), hit: sum((s) => s.hit) }),
    budgetsOk: scores.length === 0 ? 1 : sum((s) => (s.budgetsOk ? 1 : 0)) / scores.length,
    lowest,
  };
}

export function byType(scores: BriefScore[]): Map<string, Figures> {
  const groups = new Map<string, BriefScore[]>();
  for (const s of scores) groups.set(s.type, [...(groups.get(s.type) ?? []), s]);
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([t, ss]) => [t, figures(ss)]));
}

function fmt(ns: number[]): string {
  const s = [...new Set(ns)].sort((a, b) => a - b);
  return s.length === 0 ? "nothing" : s.length > 12 ? `${s.slice(0, 12).join(", ")}… (${s.length})` : s.join(", ");
}

function clip(s: string): string {
  return s.length > 90 ? `${s.slice(0, 87)}…` : s;
}
