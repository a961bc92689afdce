/**
 * Facts a finished unit states, read by the model but paid for sparingly: a deterministic gate
 * picks the few sentences that name a known entity and carry an attribute cue, and only those
 * (never the unit) go to one small schema-constrained call. Whatever the model answers is checked
 * against those sentences again, deterministically, because a weak model invents names and values.
 */
import { z } from "zod";
import type { CancelSignal, LlmPort, SequenceLease } from "../../shared/llm/llm-port";
import { parseModelReply } from "../base/parse";
import { JSON_THOUGHTS } from "../base/thinking";
import type { LedgerEntry } from "../base/ledger";
import type { Fact, FactTable } from "../base/facts";
import { sentencesOf } from "./consistency";
import type { Finding } from "./types";

export const FACT_ATTRIBUTES = ["status", "eyes", "hair", "age", "birthplace", "home", "occupation", "spouse", "relation", "feature"] as const;
export type FactAttribute = (typeof FACT_ATTRIBUTES)[number];

/**
 * Attributes a person has one of at a time. Age changes as the story moves on and people move,
 * marry again and change jobs, so a new value there is a development, not a contradiction.
 */
const SINGLE_VALUED = new Set<FactAttribute>(["status", "eyes", "hair", "birthplace"]);

const CUES: Record<FactAttribute, RegExp> = {
  status: /\b(?:died|dies|dead|killed|drowned|murdered|passed away|buried|alive)\b/i,
  eyes: /\beyes?\b|-eyed\b/i,
  hair: /\bhair(?:ed)?\b|-haired\b|\b(?:blond|blonde|brunette|redhead|bald)\b/i,
  age: /\byears? old\b|\byear-old\b|\baged\b|\bage of\b|\bbirthday\b/i,
  birthplace: /\bborn\b/i,
  home: /\b(?:lives|lived|living) (?:in|at|on)\b|\bmoved (?:to|into)\b|\bhome (?:in|at)\b|\bgrew up in\b/i,
  occupation: /\b(?:works?|worked|working) as\b|\bjob as\b|\bby (?:trade|profession)\b/i,
  spouse: /\b(?:married|marry|wife|husband|widow|widower|widowed|fianc[ée]e?|engaged)\b/i,
  relation: /\b(?:sister|brother|daughter|son|mother|father|aunt|uncle|cousin|grandmother|grandfather|granddaughter|grandson|niece|nephew|twin|parents?)\b/i,
  feature: /\b(?:scars?|scarred|limp|limped|limps|tattoo(?:ed)?|birthmark|freckles?)\b/i,
};

const DEATH = /\b(?:died|dies|dead|killed|drowned|murdered|passed away|buried)\b/i;
const DEATH_WORDS = new Set(["dead", "died", "dies", "killed", "drowned", "murdered", "passed away", "buried"]);
/** As in the regex rule for the dead speaking: "alive" in a memory is no contradiction. */
const RECOLLECTION = /\b(remember|remembered|once|used to|had been|memory|letter|back then|years ago)\b/i;
/** Words that shade a colour rather than name it: "dark brown" and "brown" agree. */
const SHADES = new Set("dark light pale deep bright long short curly straight thick thin greying graying fair".split(" "));

/** The prompt shows at most this much of one sentence, so one run-on paragraph cannot make the call expensive. */
const SENTENCE_CHARS = 300;

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Word boundaries that also hold for names and values outside ASCII ("Zoë"). */
function wordsRe(phrase: string, flags = "iu"): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(phrase.trim()).replace(/\s+/g, "\\s+")}(?![\\p{L}\\p{N}])`, flags);
}

function namesOf(e: { name: string; aliases: string[]; kind: string }): string[] {
  const first = e.kind === "character" ? [e.name.split(/\s+/)[0]!] : [];
  return [e.name, ...e.aliases, ...first].filter((v, i, a) => v && a.indexOf(v) === i);
}

/** Known entities a sentence names; case-sensitive, so "Rose" the character is not "rose" the flower. */
function entitiesIn(sentence: string, table: FactTable): string[] {
  return table.entities.filter((e) => namesOf(e).some((n) => wordsRe(n, "u").test(sentence))).map((e) => e.name);
}

/** The sentences worth a model's reading: they name a known entity and state something about it. */
export function factCueSentences(text: string, table: FactTable, max = 6): string[] {
  const out: string[] = [];
  if (table.entities.length === 0) return out;
  for (const { s } of sentencesOf(text)) {
    const t = s.trim();
    if (out.length >= max) break;
    if (out.includes(t) || !Object.values(CUES).some((re) => re.test(t))) continue;
    if (entitiesIn(t, table).length > 0) out.push(t);
  }
  return out;
}

/** One value per spelling: lower case, no article, no trailing "eyes"/"hair", British grey. */
export function normaliseFactValue(value: string, attribute: string): string {
  let v = value.toLowerCase().replace(/[“”"'’.,;:!?]+$|^[“”"'’]+/g, "").trim().replace(/\s+/g, " ");
  v = v.replace(/^(?:a|an|the)\s+/, "");
  if (attribute === "eyes") v = v.replace(/(?:-eyed|\s+eyes?)$/, "");
  if (attribute === "hair") v = v.replace(/(?:-haired|\s+hair(?:ed)?)$/, "").replace(/\bblonde\b/, "blond");
  v = v.replace(/\bgray\b/g, "grey");
  if (attribute === "status") v = DEATH_WORDS.has(v) ? "dead" : v;
  return v;
}

/** Values agree when they share a word that is not a shade: "dark brown" and "brown", "Bergen" and "Bergen, Norway". */
function agree(a: string, b: string, attribute: string): boolean {
  const words = (v: string) => normaliseFactValue(v, attribute).split(/[\s,/-]+/).filter((w) => w && !SHADES.has(w));
  const wa = words(a), wb = words(b);
  if (wa.length === 0 || wb.length === 0) return true;
  return wa.some((w) => wb.includes(w));
}

export interface ExtractedFact {
  entity: string;
  attribute: FactAttribute;
  value: string;
  sentence: string;
}

/**
 * What a unit's monitor passes share: sentences already read (a revision changes a sentence or
 * two, and only those are read again). Keep one per unit, never across units.
 */
export interface FactMemo {
  read: Map<string, ExtractedFact[]>;
}

export function newFactMemo(): FactMemo {
  return { read: new Map() };
}

export interface FactExtractionOptions {
  llm: LlmPort;
  lease?: SequenceLease;
  signal?: CancelSignal;
  unitId?: string;
  /** The unit's heading, so the call reads as being about that unit in logs and fakes. */
  heading?: string;
  onLedger?: (e: LedgerEntry) => void;
  memo?: FactMemo;
  /** Findings the regex rules already raised on this text: the same sentence is not flagged twice. */
  raised?: Finding[];
  /**
   * Leave the table alone and return the facts instead: the unit pipeline adds them once the
   * revision loop has settled on a text, so a rejected revision leaves no facts behind.
   */
  deferAdd?: boolean;
  maxSentences?: number;
}

const SCHEMA = {
  type: "object",
  properties: {
    facts: {
      type: "array",
      maxItems: 4,
      items: {
        type: "object",
        properties: {
          entity: { type: "string", maxLength: 40 },
          attribute: { type: "string", enum: [...FACT_ATTRIBUTES] },
          value: { type: "string", maxLength: 32 },
        },
        required: ["entity", "attribute", "value"],
      },
    },
  },
  required: ["facts"],
} as const;

/** The reply as a whole: a list; each claim in it is checked on its own, so one bad claim costs only itself. */
const factsReply = z.object({ facts: z.array(z.unknown()) });
const claimSchema = z.object({ entity: z.string(), attribute: z.enum(FACT_ATTRIBUTES), value: z.string() });

/** A fact the model claims survives only if the sentence it came from says so in those words. */
function validate(raw: unknown, sentences: string[], table: FactTable): ExtractedFact | null {
  const claim = claimSchema.safeParse(raw);
  if (!claim.success) return null;
  const r = claim.data;
  const attribute: FactAttribute = r.attribute;
  const entity = table.canonical(r.entity.trim());
  if (!entity) return null;
  const value = normaliseFactValue(r.value, attribute);
  if (!value || (attribute !== "age" && /^\d+$/.test(value))) return null;
  if (attribute === "status" && value !== "dead" && value !== "alive") return null;
  const known = table.entities.find((e) => e.name === entity)!;
  const sentence = sentences.find((s) => {
    if (!CUES[attribute].test(s) || !namesOf(known).some((n) => wordsRe(n, "u").test(s))) return false;
    if (attribute === "status" && value === "dead") return DEATH.test(s);
    return wordsRe(r.value).test(s) || wordsRe(value).test(s);
  });
  return sentence ? { entity, attribute, value, sentence } : null;
}

async function readSentences(sentences: string[], table: FactTable, o: FactExtractionOptions): Promise<Map<string, ExtractedFact[]> | null> {
  const shown = sentences.map((s) => s.slice(0, SENTENCE_CHARS));
  const names = [...new Set(shown.flatMap((s) => entitiesIn(s, table)))];
  const r = await o.llm.generate({
    purpose: { kind: "facts", unitId: o.unitId ?? null },
    messages: [
      { role: "system", content: "You note facts that sentences state about named people. Reply with JSON only." },
      {
        role: "user",
        content: `${o.heading ? `For ${o.heading}: w` : "W"}hat do these sentences state about ${names.join(", ")}? Copy each value from the sentence; leave out anything not stated.\n${shown.map((s, i) => `${i + 1}. ${s}`).join("\n")}`,
      },
    ],
    maxTokens: 200,
    jsonSchema: SCHEMA,
    sampling: { temperature: 0 },
    thoughts: JSON_THOUGHTS,
    lease: o.lease,
    signal: o.signal,
  });
  // a cut-off or malformed answer reads as no facts (the rules still ran); the ledger says why
  const reply = parseModelReply(factsReply, r.text, "the fact reader");
  const claimed = reply.ok ? reply.value.facts : [];
  const kept = claimed.map((c) => validate(c, shown, table)).filter((f): f is ExtractedFact => f !== null);
  o.onLedger?.({
    unitId: o.unitId ?? null, kind: "facts", promptTokens: r.promptTokens, completionTokens: r.completionTokens, ...(r.thoughtTokens ? { thoughtTokens: r.thoughtTokens } : {}), millis: r.millis, stopReason: r.stopReason,
    note: `${sentences.length} sentence(s), kept ${kept.length} of ${claimed.length} fact(s)${reply.ok ? "" : `; ${reply.error}`}`,
  });
  if (r.stopReason === "cancelled") return null;
  // the model read the shortened sentence; the finding points at the whole one, which the text holds
  const out = new Map<string, ExtractedFact[]>(sentences.map((s) => [s, []]));
  for (const f of kept) {
    const whole = sentences[shown.indexOf(f.sentence)]!;
    out.get(whole)!.push({ ...f, sentence: whole });
  }
  return out;
}

const RAISED_BY_RULES: Record<string, FactAttribute> = { "eye-colour": "eyes", "dead-speaks": "status" };

/** A fact as a sentence, for messages and for the reviser's instruction. */
function stated(entity: string, attribute: FactAttribute, value: string): string {
  if (attribute === "eyes") return `${entity}'s eyes are ${value}`;
  if (attribute === "birthplace") return `${entity} was born in ${value}`;
  if (attribute === "status") return value === "dead" ? `${entity} is dead by now; rewrite so that ${entity} is only remembered` : `${entity} is ${value}`;
  return `${entity}'s ${attribute} is ${value}`;
}

/**
 * Unit n's facts by model: contradictions of single-valued attributes become findings, anything
 * new becomes an unconfirmed fact from unit n ("status: dead" from unit n + 1, as with the rules).
 */
export async function extractFactsWithModel(
  text: string,
  n: number,
  table: FactTable,
  o: FactExtractionOptions,
): Promise<{ findings: Finding[]; facts: Fact[] }> {
  const findings: Finding[] = [];
  const facts: Fact[] = [];
  const cues = factCueSentences(text, table, o.maxSentences);
  if (cues.length === 0 || o.signal?.aborted) return { findings, facts };
  const memo = o.memo ?? newFactMemo();
  const unread = cues.filter((s) => !memo.read.has(s));
  if (unread.length > 0) {
    const got = await readSentences(unread, table, o);
    if (!got) return { findings, facts };
    for (const [s, fs] of got) memo.read.set(s, fs);
  }
  const source = `unit ${n}`;
  for (const f of cues.flatMap((s) => memo.read.get(s) ?? [])) {
    const from = f.attribute === "status" && f.value === "dead" ? n + 1 : n;
    const holding = [...table.at(f.entity, f.attribute, from), ...facts.filter((x) => x.entity === f.entity && x.attribute === f.attribute)];
    if (f.attribute === "status") {
      if (f.value === "dead" && !holding.some((x) => x.value === "dead")) {
        facts.push({ entity: f.entity, attribute: "status", value: "dead", fromUnit: from, toUnit: null, source, confirmed: false });
      }
      const dead = table.isDeadAt(f.entity, n);
      if (f.value === "alive" && dead && !RECOLLECTION.test(f.sentence) && !raisedHere(o.raised, f)) {
        findings.push(contradiction(f, dead, o.unitId, `${f.entity} is alive here, but dead from unit ${dead.fromUnit} (${dead.source})`));
      }
      continue;
    }
    if (holding.some((x) => agree(x.value, f.value, f.attribute))) continue;
    const known = SINGLE_VALUED.has(f.attribute) ? holding.find((x) => !agree(x.value, f.value, f.attribute)) : undefined;
    if (known) {
      if (!raisedHere(o.raised, f)) findings.push(contradiction(f, known, o.unitId, `${stated(f.entity, f.attribute, f.value)} here, but ${known.value} (${known.source})`));
      continue;
    }
    facts.push({ entity: f.entity, attribute: f.attribute, value: f.value, fromUnit: from, toUnit: null, source, confirmed: false });
  }
  if (!o.deferAdd) for (const f of facts) table.add(f);
  return { findings, facts };
}

function raisedHere(raised: Finding[] | undefined, f: ExtractedFact): boolean {
  return (raised ?? []).some((r) => r.excerpt === f.sentence && RAISED_BY_RULES[r.code] === f.attribute);
}

function contradiction(f: ExtractedFact, known: Fact, unitId: string | undefined, message: string): Finding {
  return {
    monitor: "consistency", severity: "error", code: "fact-contradiction", unitId, message,
    excerpt: f.sentence,
    fix: { kind: "rewrite-passage", passage: f.sentence, instruction: stated(f.entity, f.attribute, known.value) },
  };
}
