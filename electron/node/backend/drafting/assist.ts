/**
 * Continue, expand, rewrite, draft a scene from beats: one small model call (with the engine's
 * length control) whose text streams to the studio and becomes a proposal the writer inserts or
 * discards. The context ledger says what went into the prompt, with token counts.
 */
import type { CountUnit } from "../../../shared/text/count-words";
import type { ChatMessage, LlmPort } from "../../../shared/llm/llm-port";
import { Canceller, lengthWindow, writeToLength, type Brief } from "../../../engine/index";

export type AssistMode = "continue" | "expand" | "rewrite" | "scene";

export interface AssistRequest {
  mode: AssistMode;
  passage: string;
  instruction: string;
  words: number;
  countUnit: CountUnit;
  brief: Brief | null;
  /** the plan's summary of this unit, when it has one */
  unitSummary: string;
}

function tailWords(text: string, n: number): string {
  const words = text.split(/(\s+)/);
  return words.length <= n * 2 ? text : words.slice(-n * 2).join("").trimStart();
}

export function assistPrompt(r: AssistRequest): { messages: ChatMessage[]; sections: { name: string; text: string }[] } {
  const b = r.brief;
  const style = b ? [b.style.pov, b.style.tense, b.style.tone].filter(Boolean).join(", ") : "";
  const sections: { name: string; text: string }[] = [];
  if (b) sections.push({ name: "brief", text: `The book: ${b.title}${b.premise ? `. ${b.premise}` : ""}${style ? `\nStyle: ${style}.` : ""}` });
  if (b?.style.voiceSample) sections.push({ name: "voice sample", text: `Voice sample:\n${b.style.voiceSample.slice(0, 1500)}` });
  if (r.unitSummary) sections.push({ name: "unit plan", text: `This part of the book: ${r.unitSummary}` });
  const n = `about ${r.words} ${r.countUnit}`;
  const passage = r.mode === "continue" ? tailWords(r.passage, 400) : r.passage;
  const ask: Record<AssistMode, string> = {
    continue: `Continue this text with ${n}, in the same voice. Do not repeat it.\n\nText so far:\n${passage}`,
    expand: `Expand this passage to ${n}, keeping its events, order and voice.\n\nPassage:\n${passage}`,
    rewrite: `Rewrite this passage${r.instruction ? ` ${r.instruction.trim()}` : ""}. Keep ${n}.\n\nPassage:\n${passage}`,
    scene: `Draft a scene of ${n} from these beats, in order:\n${passage}`,
  };
  if (r.instruction && r.mode !== "rewrite") sections.push({ name: "instruction", text: `Also: ${r.instruction.trim()}` });
  sections.push({ name: r.mode === "scene" ? "beats" : "passage", text: ask[r.mode] });
  const system = "You help a writer with their book. Reply with prose only: no heading, no notes, no quotation marks around it.";
  return { messages: [{ role: "system", content: system }, { role: "user", content: sections.map((s) => s.text).join("\n\n") }], sections };
}

export interface AssistJob {
  done: Promise<{ text: string; status: "done" | "cancelled" | "failed"; error: string | null }>;
  cancel(): void;
}

export function runAssist(llm: LlmPort, r: AssistRequest, onText: (full: string) => void): AssistJob {
  const canceller = new Canceller();
  const { messages, sections } = assistPrompt(r);
  const done = writeToLength({
    llm,
    messages,
    promptSections: sections,
    purposeKind: "assist",
    window: lengthWindow(r.words, 0.1),
    countUnit: r.countUnit,
    unitId: "assist",
    signal: canceller,
    ratio: { tokensPerWord: 1.5 },
    sampling: { temperature: 0.8, repeatPenalty: { penalty: 1.1, lastTokens: 128 } },
    onLedger: () => {},
    onText: (full) => onText(full),
  }).then(
    (w) => ({ text: w.text, status: w.cancelled ? ("cancelled" as const) : ("done" as const), error: null }),
    (error: unknown) => ({ text: "", status: "failed" as const, error: error instanceof Error ? error.message : String(error) }),
  ).finally(() => canceller.dispose());
  return { done, cancel: () => canceller.abort("cancelled") };
}
