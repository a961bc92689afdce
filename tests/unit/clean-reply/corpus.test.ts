/**
 * The reply cleaner against the corpus of model replies written apart from it
 * (tests/fixtures/model-replies, format in its README): every reply is streamed in word-sized
 * deltas and must clean to what a careful editor keeps. Per-habit results are printed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyChange } from "../../../electron/engine/draft/reply-stream";
import { ReplyCleaner, type CleanReplyConfig } from "../../../electron/engine/draft/clean-reply";
import { mulberry32 } from "../../fixtures/seeded-random";

interface Reply {
  id: string;
  habits: string[];
  request: { heading: string; title?: string; nextHeading?: string; language: string };
  raw: string;
  expected: { kind: string; startsWith?: string; endsWith?: string; absent?: string[] };
}

const dir = join(import.meta.dirname, "../../fixtures/model-replies");
const replies: Reply[] = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as Reply);

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
  // a reply in the wrong language but the book's script is the monitors' to catch (a language detector)
  const sameScript = r.expected.kind === "wrong-language" && kind === "prose";
  if (kind !== r.expected.kind && !sameScript) problems.push(`kind ${kind}, expected ${r.expected.kind}`);
  if (r.expected.kind === "prose" || sameScript) {
    if (r.expected.startsWith && !norm(final).startsWith(norm(r.expected.startsWith))) problems.push(`starts "${final.slice(0, 60)}"`);
    if (r.expected.endsWith && !norm(final).endsWith(norm(r.expected.endsWith))) problems.push(`ends "${final.slice(-60)}"`);
  }
  for (const a of r.expected.absent ?? []) if (final.includes(a)) problems.push(`keeps "${a}"`);
  return problems;
}

const results = new Map<string, { pass: number; total: number; failed: string[] }>();

describe("reply cleaner on the corpus written apart from it", () => {
  it("has the corpus", () => {
    expect(replies.length).toBeGreaterThanOrEqual(70);
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
