/**
 * A unit's prompt, built from named sections so the ledger can say what went in: brief
 * essentials, style, bible entries the unit touches, its plan, neighbours' summaries, its
 * obligations, the previous unit's last paragraphs (or its planned end), and the states at its
 * own joins (join-sections.ts). Sections are dropped, least needed first, when the prompt would
 * crowd the model's context.
 */
import type { CountUnit } from "../../shared/text/count-words";
import type { ChatMessage } from "../../shared/llm/llm-port";
import type { Brief, BriefBibleEntry } from "../brief/types";
import type { Plan, PlanUnit } from "../plan/types";
import { clip } from "../base/clip";
import { joinSections, statePeople } from "./join-sections";
import { languageName } from "../monitors/language";
import type { ReplyClass } from "./reply-stream";

export interface PromptSection {
  name: string;
  text: string;
  /** lower is dropped first when space is short; Infinity is never dropped */
  keep: number;
}

export interface UnitPrompt {
  messages: ChatMessage[];
  sections: PromptSection[];
}

export interface UnitPromptInput {
  brief: Brief;
  plan: Plan;
  unit: PlanUnit;
  bible: BriefBibleEntry[];
  previousTail?: string;
  /** Summaries of units already written, for sequential memory. */
  storySoFar?: string[];
}

export function unitLabel(u: PlanUnit): string {
  return u.heading || u.path.join(" / ");
}

export function touchedEntries(bible: BriefBibleEntry[], haystack: string): BriefBibleEntry[] {
  const lower = haystack.toLowerCase();
  return bible.filter((e) => [e.name, ...e.aliases, e.name.split(/\s+/)[0]!].some((n) => n && new RegExp(`\\b${n.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(lower)));
}

export function obligationLines(plan: Plan, unit: PlanUnit): string[] {
  return unit.obligations.map((id) => plan.obligations.find((o) => o.id === id)).filter((o) => o !== undefined).map((o) => o.content);
}

export function buildUnitPrompt(input: UnitPromptInput): UnitPrompt {
  const { brief, plan, unit } = input;
  const leavesInOrder = plan.units.filter((u) => u.isLeaf);
  const i = leavesInOrder.findIndex((u) => u.id === unit.id);
  const prev = i > 0 ? leavesInOrder[i - 1] : undefined;
  const next = leavesInOrder[i + 1];
  const parent = plan.units.find((u) => u.id === unit.parentId);
  const obligations = obligationLines(plan, unit);
  const planText = [unit.title && `Title: ${unit.title}`, unit.summary && `Summary: ${unit.summary}`, unit.beats.length > 0 && `Beats: ${unit.beats.join("; ")}`]
    .filter(Boolean).join("\n");
  const haystack = [unit.summary, unit.beats.join(" "), unit.entities.join(" "), obligations.join(" "), input.previousTail ?? "", statePeople(plan, unit).join(" ")].join(" ");
  const join = joinSections(plan, unit, input.previousTail);
  const entries = touchedEntries(input.bible, haystack);
  const style = brief.style;
  const styleText = [
    style.pov && `Point of view: ${style.pov}.`, style.tense && `Tense: ${style.tense}.`, style.tone && `Tone: ${style.tone}.`,
    style.audience && `Audience: ${style.audience}.`, style.avoid.length > 0 && `Never use: ${style.avoid.join(", ")}.`,
  ].filter(Boolean).join(" ");
  const countWord = plan.countUnit === "characters" ? "characters" : "words";

  const sections: PromptSection[] = [
    // the language in words: "a novel in en" reads to a model as no language at all
    { name: "brief", keep: Infinity, text: `You are writing "${brief.title}", a ${brief.kind} in ${languageName(brief.language)}.${brief.premise ? ` Premise: ${clip(brief.premise, 600)}` : ""}` },
    { name: "style", keep: 8, text: styleText },
    { name: "voice", keep: 2, text: style.voiceSample ? `Voice sample:\n${clip(style.voiceSample, 600)}` : "" },
    { name: "bible", keep: 6, text: entries.length > 0 ? `Who and what appears:\n${entries.map((e) => `- ${e.name}${Object.keys(e.attributes).length ? ` (${Object.entries(e.attributes).map(([k, v]) => `${k}: ${v}`).join(", ")})` : ""}`).join("\n")}` : "" },
    { name: "parent", keep: 3, text: parent?.summary ? `${unitLabel(parent)}: ${parent.summary}` : "" },
    { name: "story-so-far", keep: 1, text: input.storySoFar && input.storySoFar.length > 0 ? `So far:\n${input.storySoFar.slice(-6).map((s) => `- ${clip(s, 200)}`).join("\n")}` : "" },
    { name: "neighbours", keep: 4, text: [prev?.summary && `Before this: ${clip(prev.summary, 240)}`, next?.summary && `After this: ${clip(next.summary, 240)}`].filter(Boolean).join("\n") },
    join.previous,
    join.start,
    { name: "unit-plan", keep: Infinity, text: `Now write ${unitLabel(unit)}${unit.path.length > 1 ? ` (${unit.path.join(" / ")})` : ""}.${planText ? `\n${planText}` : ""}` },
    join.end,
    { name: "obligations", keep: Infinity, text: obligations.length > 0 ? `Must include:\n${obligations.map((o) => `- ${o}`).join("\n")}` : "" },
    { name: "length", keep: Infinity, text: `Write about ${unit.targetWords} ${countWord} of prose. No heading, no notes, only the text.` },
  ].filter((s) => s.text.trim() !== "");
  return toMessages(sections);
}

export function toMessages(sections: PromptSection[]): UnitPrompt {
  const system = sections.filter((s) => s.name === "brief" || s.name === "style" || s.name === "voice").map((s) => s.text).join("\n\n");
  const user = sections.filter((s) => !(s.name === "brief" || s.name === "style" || s.name === "voice")).map((s) => s.text).join("\n\n");
  return { messages: [{ role: "system", content: system }, { role: "user", content: user }], sections };
}

/** Drop the least-needed sections until the prompt fits `maxTokens` (counted by the model's tokenizer). */
export async function fitPrompt(prompt: UnitPrompt, maxTokens: number, countTokens: (t: string) => Promise<number>): Promise<UnitPrompt> {
  let sections = [...prompt.sections];
  let current = prompt;
  for (;;) {
    const tokens = await countTokens(current.messages.map((m) => m.content).join("\n"));
    if (tokens <= maxTokens) return current;
    const droppable = sections.filter((s) => s.keep !== Infinity).sort((a, b) => a.keep - b.keep)[0];
    if (!droppable) return current;
    sections = sections.filter((s) => s !== droppable);
    current = toMessages(sections);
  }
}

/**
 * Instructions that follow a unit's prompt when its first reply was not the end of it: asked after
 * the unit's own prompt (appended to its last user message, so the prompt's prefix, and the
 * model's cache of it, stay the same).
 */
export interface FollowUps {
  /** The text has run long and was cut back: finish it in about `words`, with what it still must include. */
  ending(words: number, missing: readonly string[]): string;
  /** The last reply was not the prose asked for (a refusal, a list, another language, nothing): ask again. */
  retry(rejected: ReplyClass): string;
}

/** The follow-ups of one unit (generic ones without a unit: "it", the book's language unnamed). */
export function followUps(o: { label?: string; language?: string; countUnit?: CountUnit } = {}): FollowUps {
  const label = o.label ?? "it";
  const countWord = o.countUnit === "characters" ? "characters" : "words";
  const language = o.language ? languageName(o.language) : null;
  return {
    ending: (words, missing) =>
      `Finish ${label} now: write its last ${words} ${countWord} or so, bringing it to a close.` +
      (missing.length > 0 ? ` Work in what it must still include: ${missing.map((m) => m.replace(/[.!?]+$/, "")).join("; ")}.` : "") +
      " Only the text, no heading, no notes.",
    retry: (rejected) => {
      switch (rejected.kind) {
        case "refusal":
          return `This is fiction the writer asked for: write ${label} itself now, as prose.`;
        case "list":
        case "table":
          return "Write it as continuous prose in paragraphs: no list, no table, no headings.";
        case "wrong-language":
          return `Write it in ${language ?? "the language of the book"}${language ? ", the language of the book" : ""}.`;
        default:
          return `Write the text of ${label} itself now, as prose.`;
      }
    },
  };
}

/** The conversation with one more instruction at the end of its last user message. */
export function withInstruction(messages: ChatMessage[], line: string): ChatMessage[] {
  const at = messages.map((m) => m.role).lastIndexOf("user");
  if (at < 0) return [...messages, { role: "user", content: line }];
  return messages.map((m, i) => (i === at ? { ...m, content: `${m.content}\n\n${line}` } : m));
}
