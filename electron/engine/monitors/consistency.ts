/**
 * Consistency without a judge call: a fact table per entity (facts hold over a span of units,
 * so "dead from chapter 12" is expressible), deterministic detection of a dead character
 * speaking, eye colour changing, names drifting from known entities, unknown names, and a
 * timeline that runs backwards (./timeline).
 */
import type { Fact, FactTable } from "../base/facts";
import { checkTimeline } from "./timeline";
import type { Finding } from "./types";

// the bible's facts are read in engine/base, so the planner can check its states against them too
export { factsFromBible } from "../base/bible-facts";

const SPEECH = "said|says|asked|asks|replied|replies|shouted|shouts|whispered|whispers|answered|answers|called|calls out|cried|muttered|told|tells|laughed";
const COLOURS = "blue|green|brown|grey|gray|hazel|black|amber|violet|dark|pale|red";
const DEATH_VERBS = /\b(died|dies|was killed|is killed|was dead|is dead|drowned|passed away)\b/i;

/** Sentences with their offsets: one splitter for every check that reads the text sentence by sentence. */
export function sentencesOf(text: string): { s: string; at: number }[] {
  const out: { s: string; at: number }[] = [];
  const re = /[^.!?\n]+[.!?]*["”’]?/g;
  for (const m of text.matchAll(re)) if (m[0].trim()) out.push({ s: m[0], at: m.index });
  return out;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Check unit n's text against the table; facts the text states are added (unconfirmed) for later units. */
export function checkConsistency(text: string, n: number, table: FactTable, unitId?: string): Finding[] {
  const out: Finding[] = [];
  const sentences = sentencesOf(text);
  for (const e of table.entities.filter((x) => x.kind === "character")) {
    const names = [e.name, ...e.aliases, e.name.split(/\s+/)[0]!].filter((v, i, a) => v && a.indexOf(v) === i);
    const nameRe = `(?:${names.map(escape).join("|")})`;
    const dead = table.isDeadAt(e.name, n);
    const speaks = new RegExp(`\\b${nameRe}\\b\\s+(?:${SPEECH})\\b|\\b(?:${SPEECH})\\s+${nameRe}\\b(?!\\s+(?:that|about))`, "i");
    const eyes = new RegExp(`\\b${nameRe}(?:'s|’s)\\s+(${COLOURS})\\s+eyes|\\b${nameRe}\\b[^.!?]{0,40}\\b(${COLOURS})\\s+eyes|\\b${nameRe}(?:'s|’s)\\s+eyes\\s+(?:were|are|was|is)\\s+(${COLOURS})`, "i");
    for (const { s } of sentences) {
      if (dead && speaks.test(s) && !/\b(remember|remembered|once|used to|had said|memory|letter)\b/i.test(s)) {
        out.push({
          monitor: "consistency", severity: "error", code: "dead-speaks", unitId,
          message: `${e.name} speaks, but is dead from unit ${dead.fromUnit} (${dead.source})`,
          excerpt: s.trim(),
          fix: { kind: "rewrite-passage", passage: s.trim(), instruction: `${e.name} is dead by now and cannot speak; rewrite so that someone else speaks or ${e.name} is only remembered` },
        });
      }
      const m = eyes.exec(s);
      if (m) {
        const colour = (m[1] ?? m[2] ?? m[3])!.toLowerCase().replace("gray", "grey");
        const known = table.at(e.name, "eyes", n).find((f) => f.value.replace("gray", "grey") !== colour);
        if (known) {
          out.push({
            monitor: "consistency", severity: "error", code: "eye-colour", unitId,
            message: `${e.name}'s eyes are ${colour} here but ${known.value} (${known.source})`,
            excerpt: s.trim(),
            fix: { kind: "rewrite-passage", passage: s.trim(), instruction: `${e.name}'s eyes are ${known.value}` },
          });
        } else if (table.at(e.name, "eyes", n).length === 0) {
          table.add({ entity: e.name, attribute: "eyes", value: colour, fromUnit: n, toUnit: null, source: `unit ${n}`, confirmed: false });
        }
      }
      if (!dead && new RegExp(`\\b${nameRe}\\b`, "i").test(s) && DEATH_VERBS.test(s) && new RegExp(`\\b${nameRe}\\b[^.!?]{0,30}${DEATH_VERBS.source}`, "i").test(s)) {
        table.add({ entity: e.name, attribute: "status", value: "dead", fromUnit: n + 1, toUnit: null, source: `unit ${n}`, confirmed: false });
      }
    }
  }
  out.push(...checkNames(text, table, unitId));
  out.push(...checkTimeline(text, n, table, unitId));
  return out;
}

export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

const COMMON_CAPITALISED = new Set(
  "I Mr Mrs Ms Dr Sir Lady Lord God Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Chapter Part The A An And But Then When He She They It We You His Her Their This That There Here Oh Yes No OK".split(" "),
);

/** Capitalised words mid-sentence: the candidate names of a text, with counts. */
function properNouns(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/(?<=[\p{Ll},;:\d]\s+|[\p{Ll}]\s+["“])(\p{Lu}[\p{Ll}’']+(?:-\p{Lu}[\p{Ll}]+)?)/gu)) {
    const w = m[1]!.replace(/(?:'s|’s)$/, "");
    if (COMMON_CAPITALISED.has(w)) continue;
    out.set(w, (out.get(w) ?? 0) + 1);
  }
  return out;
}

/** Names that drift from known entities ("Anah" for "Anna") and unknown recurring names. Only with a bible to compare against. */
export function checkNames(text: string, table: FactTable, unitId?: string): Finding[] {
  const known = table.allNames();
  if (known.length === 0) return [];
  const knownWords = new Set(known.flatMap((n) => n.split(/\s+/)));
  const out: Finding[] = [];
  for (const [word, count] of properNouns(text)) {
    if (knownWords.has(word)) continue;
    let closest: { name: string; d: number } | null = null;
    for (const k of knownWords) {
      if (k.length < 3 || k[0]!.toLowerCase() !== word[0]!.toLowerCase()) continue;
      const d = editDistance(word.toLowerCase(), k.toLowerCase());
      // short names tolerate one slip, longer ones two ("Anah" for "Anna", "Elizbeth" for "Elizabeth")
      const limit = k.length >= 4 ? 2 : 1;
      if (Math.abs(k.length - word.length) > 2) continue;
      if (d > 0 && d <= limit && (!closest || d < closest.d)) closest = { name: k, d };
    }
    if (closest) {
      out.push({ monitor: "consistency", severity: "error", code: "name-drift", unitId, message: `"${word}" looks like a misspelling of ${closest.name}`, excerpt: word, fix: { kind: "replace-name", from: word, to: closest.name } });
    } else if (count >= 2) {
      out.push({ monitor: "consistency", severity: "info", code: "unknown-name", unitId, message: `"${word}" (${count}×) is not in the bible`, excerpt: word });
    }
  }
  return out;
}
