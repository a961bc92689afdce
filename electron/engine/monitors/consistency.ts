/**
 * Consistency without a judge call: a fact table per entity (facts hold over a span of units,
 * so "dead from chapter 12" is expressible), deterministic detection of a dead character
 * speaking, eye colour changing, names drifting from known entities, unknown names, and a
 * timeline that runs backwards (./timeline).
 */
import { NameFinder } from "../../shared/text/names";
import { FactTable, type Fact } from "../base/facts";
import type { Lexicon } from "../base/lexicon";
import { checkNames } from "./name-drift";
import { checkTimeline } from "./timeline";
import type { Finding } from "./types";

export { checkNames } from "./name-drift";
export type { Lexicon } from "../base/lexicon";
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

/** Check unit n's text against the table; facts the text states are added (unconfirmed) for later units. */
export function checkConsistency(text: string, n: number, table: FactTable, unitId?: string): Finding[] {
  const out: Finding[] = [];
  const sentences = sentencesOf(text);
  const characters = table.entities.filter((x) => x.kind === "character");
  // names and aliases as the writer sets them (the shared finder), a first name standing for the whole
  const finder = new NameFinder(characters.map((e) => ({ name: e.name, aliases: [...e.aliases, e.name.split(/\s+/)[0]!] })));
  const speechAfter = new RegExp(`^\\s+(?:${SPEECH})\\b`, "i");
  const speechBefore = new RegExp(`\\b(?:${SPEECH})\\s+$`, "i");
  const eyesAfter = [
    new RegExp(`^(?:'s|’s)\\s+(${COLOURS})\\s+eyes`, "i"),
    new RegExp(`^[^.!?]{0,40}\\b(${COLOURS})\\s+eyes`, "i"),
    new RegExp(`^(?:'s|’s)\\s+eyes\\s+(?:were|are|was|is)\\s+(${COLOURS})`, "i"),
  ];
  const deathAfter = new RegExp(`^[^.!?]{0,30}${DEATH_VERBS.source}`, "i");
  for (const { s } of sentences) {
    const found = finder.find(s);
    for (const [i, e] of characters.entries()) {
      const mine = found.filter((o) => o.entry === i);
      if (mine.length === 0) continue;
      const dead = table.isDeadAt(e.name, n);
      const speaks = mine.some((o) => speechAfter.test(s.slice(o.end)) || (speechBefore.test(s.slice(0, o.at)) && !/^\s+(?:that|about)\b/i.test(s.slice(o.end))));
      if (dead && speaks && !/\b(remember|remembered|once|used to|had said|memory|letter)\b/i.test(s)) {
        out.push({
          monitor: "consistency", severity: "error", code: "dead-speaks", unitId,
          message: `${e.name} speaks, but is dead from unit ${dead.fromUnit} (${dead.source})`,
          excerpt: s.trim(),
          fix: { kind: "rewrite-passage", passage: s.trim(), instruction: `${e.name} is dead by now and cannot speak; rewrite so that someone else speaks or ${e.name} is only remembered` },
        });
      }
      const m = mine.map((o) => eyesAfter.map((re) => re.exec(s.slice(o.end))).find((x) => x)).find((x) => x);
      if (m) {
        const colour = m[1]!.toLowerCase().replace("gray", "grey");
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
      if (!dead && mine.some((o) => deathAfter.test(s.slice(o.end)))) {
        table.add({ entity: e.name, attribute: "status", value: "dead", fromUnit: n + 1, toUnit: null, source: `unit ${n}`, confirmed: false });
      }
    }
  }
  out.push(...checkNames(text, table.entities, table.lexicon, unitId));
  out.push(...checkTimeline(text, n, table, unitId));
  return out;
}
