/**
 * The reply cleaner against the corpus of model replies written apart from it
 * (tests/fixtures/model-replies, format in its README): every reply is streamed in word-sized
 * deltas and must clean to what a careful editor keeps, with the engine's language detector plugged
 * in (a Spanish reply to an English brief is "wrong-language", not prose). Per-habit results are
 * printed. The lexical pass on the cleaned replies never counts a required item the writer marked
 * as not really met (only in reasoning, or negated).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyChange } from "../../../electron/engine/draft/reply-stream";
import { cleanReply, ReplyCleaner, type CleanReplyConfig } from "../../../electron/engine/draft/clean-reply";
import { languageDetector } from "../../../electron/engine/monitors/language";
import { checkObligations } from "../../../electron/engine/monitors/obligations";
import { mulberry32 } from "../../fixtures/seeded-random";

interface Reply {
  id: string;
  habits: string[];
  request: { heading: string; title?: string; nextHeading?: string; language: string; required?: string[] };
  raw: string;
  expected: { kind: string; startsWith?: string; endsWith?: string; absent?: string[]; requiredMet?: boolean[] };
}

// the first corpus, and a second written later by another hand (model-replies-2, 2026-12-06)
const dirs = ["model-replies", "model-replies-2"].map((d) => join(import.meta.dirname, "../../fixtures", d));
const replies: Reply[] = dirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Reply),
);

/** Deltas of 1 to 6 words, as a model streams them, cut the same way every run. */
function deltas(raw: string, seed: number): string[] {
  const rand = mulberry32(seed);
  const words = raw.split(/(?<=\s)(?=\S)/);
  const out: string[] = [];
  for (let i = 0; i < words.length; ) {
    const n = 1 + Math.floor(rand() * 6);
    out.push(words.slice(i, i + n).join(""));
    i += n;
  }
  return out;
}

const norm = (s: string) => s.replace(/\s+/g, " ").trim();

function check(r: Reply): string[] {
  const config: CleanReplyConfig = {
    heading: r.request.heading,
    ...(r.request.title ? { title: r.request.title } : {}),
    ...(r.request.nextHeading ? { otherHeadings: [r.request.nextHeading] } : {}),
    language: r.request.language,
    detectLanguage: languageDetector(r.request.language),
  };
  const cleaner = new ReplyCleaner(config);
  let text = "";
  deltas(r.raw, r.id.length).forEach((d) => {
    for (const c of cleaner.push(d)) text = applyChange(text, c);
  });
  const final = cleaner.end(r.raw);
  for (const c of cleaner.lastChanges) text = applyChange(text, c);
  const problems: string[] = [];
  if (final !== text) problems.push("the stream and the end disagree");
  const kind = cleaner.classify().kind;
  if (kind !== r.expected.kind) problems.push(`kind ${kind}, expected ${r.expected.kind}`);
  if (r.expected.kind === "prose") {
    if (r.expected.startsWith && !norm(final).startsWith(norm(r.expected.startsWith))) problems.push(`starts "${final.slice(0, 60)}"`);
    if (r.expected.endsWith && !norm(final).endsWith(norm(r.expected.endsWith))) problems.push(`ends "${final.slice(-60)}"`);
  }
  for (const a of r.expected.absent ?? []) if (final.includes(a)) problems.push(`keeps "${a}"`);
  return problems;
}

const results = new Map<string, { pass: number; total: number; failed: string[] }>();

describe("reply cleaner on the corpus written apart from it", () => {
  it("has the corpus", () => {
    expect(replies.length).toBeGreaterThanOrEqual(106);
  });

  it.each(replies.map((r) => [r.id, r] as const))("%s", (_id, r) => {
    const problems = check(r);
    for (const h of r.habits) {
      const row = results.get(h) ?? { pass: 0, total: 0, failed: [] };
      row.total++;
      if (problems.length === 0) row.pass++;
      else row.failed.push(r.id);
      results.set(h, row);
    }
    expect(problems).toEqual([]);
  });

  afterAll(() => {
    const lines = [...results].sort(([a], [b]) => a.localeCompare(b)).map(([h, r]) => `${h.padEnd(22)} ${r.pass}/${r.total}${r.failed.length ? `  failed: ${r.failed.join(", ")}` : ""}`);
    console.log(`reply cleaner, per habit:\n${lines.join("\n")}`);
  });
});

describe("the lexical pass on the cleaned corpus", () => {
  const withItems = replies.filter((r) => r.expected.kind === "prose" && (r.request.required?.length ?? 0) > 0 && r.expected.requiredMet);
  it.each(withItems.map((r) => [r.id, r] as const))("%s: an item the prose does not really carry is never met", async (_id, r) => {
    const text = cleanReply(r.raw, { heading: r.request.heading, language: r.request.language }).text;
    const items = r.request.required!.map((content, i) => ({ id: `o${i}`, content, text: content }));
    const { checks } = await checkObligations(text, items, null);
    checks.forEach((c, i) => {
      if (r.expected.requiredMet![i] === false) expect(c.met, `${items[i]!.content}: "${c.quote ?? ""}"`).not.toBe(true);
    });
  });
});
