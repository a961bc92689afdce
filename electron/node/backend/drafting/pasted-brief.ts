/**
 * A brief pasted in the writer's words, as the form proposes it. The form holds each thing once:
 * the project's own title when the text names none (never "the pasted brief"), and under "other
 * instructions" only the sentences no other field carries. The title line, the premise, the
 * sentences read as required content and those that only state the book's length and units are
 * shown in their own fields, so they are not repeated there, and a greeting or thanks addressed to
 * us is no instruction; what is left (voice, things to keep consistent, anything the reader did
 * not turn into a field) is the writer's, word for word.
 */
import type { BriefForm } from "../../../shared/contract/drafting";
import { isChatter, parseNumber, splitFrontMatter, type Brief } from "../../../engine/index";
import { briefToForm } from "./brief-form";

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[*_`#>]+/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

function sentencesOf(paragraph: string, language: string): string[] {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(language, { granularity: "sentence" });
  } catch {
    segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
  }
  return [...segmenter.segment(paragraph)].map((s) => s.segment);
}

/** Whether a sentence only restates what the form's length and structure fields hold. */
function statesShape(sentence: string, brief: Brief): boolean {
  const words = sentence.split(/[\s()]+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "")).filter(Boolean);
  const values = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    const one = parseNumber(words[i]!);
    if (one !== null) values.add(one);
    // "thirty-six thousand", "two hundred": number phrases of two or three words
    for (const n of [2, 3]) {
      if (i + n > words.length) break;
      const v = parseNumber(words.slice(i, i + n).join(" "));
      if (v !== null) values.add(v);
    }
  }
  if (brief.provenance.length === "prose" && values.has(brief.length.total)) return true;
  if (brief.provenance.structure !== "prose") return false;
  const lower = ` ${norm(sentence)} `;
  return brief.structure.some((l) => {
    const name = norm(l.name);
    return !!name && (lower.includes(` ${name} `) || lower.includes(` ${name}s `)) && values.has(l.count);
  });
}

/** The pasted text less the parts the form's other fields carry. */
export function otherInstructions(text: string, brief: Brief): string {
  return leftOver(text, brief).map((p) => p.text).join("\n\n");
}

/** What is left of each paragraph, and whether it was a list (notes, not a description of the book). */
function leftOver(text: string, brief: Brief): { text: string; list: boolean }[] {
  const carried = [brief.premise, ...brief.requirements.map((r) => r.text)].map(norm).filter((s) => s.length > 0);
  const title = norm(brief.title);
  const isCarried = (s: string) => {
    const n = norm(s);
    // a list's marker or number left behind when its item went to a field
    if (!/\p{L}/u.test(n)) return true;
    return carried.some((c) => c === n || (n.length >= 12 && c.includes(n)) || (c.length >= 12 && n.includes(c)));
  };
  const kept: { text: string; list: boolean }[] = [];
  // the front matter's fields are the form's own (title, length, style…), never a premise or an instruction
  for (const paragraph of splitFrontMatter(text.replace(/\r\n?/g, "\n")).body.split(/\n\s*\n/)) {
    const lines = paragraph.split("\n").filter((line) => {
      // the title's heading line is the title field's
      const heading = /^\s*#{1,6}\s+(.*)$/.exec(line);
      return !(heading && norm(heading[1]!) === title);
    });
    const body = lines.join("\n").trim();
    // a paragraph goes whole only when a field holds it whole (the premise may be part of one)
    if (!body || carried.includes(norm(body))) continue;
    // a greeting or "thanks!" is the writer talking to us: no instruction for the model
    const left = sentencesOf(body, brief.language).filter((s) => !isCarried(s) && !statesShape(s, brief) && !isChatter(s));
    // a lead ("Notes:") whose items all went to fields leads to nothing
    const rest = left.every((s) => /^[\p{L}\s'’-]{1,40}:\s*$/u.test(s.trim())) ? "" : left.join("").trim();
    if (rest) kept.push({ text: rest, list: lines.some((l) => /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/.test(l)) });
  }
  return kept;
}

export function formFromPasted(brief: Brief, text: string, projectTitle: string): BriefForm {
  const form = briefToForm(brief);
  let premise = form.premise;
  const left = leftOver(text, brief);
  // a first paragraph that only says how long the book is and how it divides is no premise: the
  // first paragraph of what is left is (it moves, it is not copied), unless what is left is notes
  // in a list ("6. Don't name the bank in chapter 1."), which describe no book
  const shapeOnly = premise.trim() !== "" && sentencesOf(premise, brief.language).every((s) => !s.trim() || statesShape(s, brief));
  const described = left.findIndex((p) => !p.list);
  if ((shapeOnly || !premise.trim()) && described >= 0) {
    premise = left[described]!.text;
    left.splice(described, 1);
  }
  const instructions = left.map((p) => p.text).join("\n\n");
  return {
    ...form,
    title: brief.provenance.title === "default" ? projectTitle : form.title,
    premise,
    instructions,
  };
}
