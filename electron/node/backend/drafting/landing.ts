/** Engine text ⇄ unit Markdown: drafts land tagged as model-written, and staleness is judged on the words, not the markup. */
import type { JSONContent } from "@tiptap/core";
import { MODEL_TEXT_MARK, parseMarkdown, serializeMarkdown } from "../../../shared/markdown/index";
import { plainTextOf } from "../../../shared/markdown/plain-text";

/** Paragraphs of engine text as Markdown, every word marked as the model's (or the writer's, for an edit they typed). */
export function draftToMarkdown(text: string, by: "model" | "writer" = "model"): string {
  const paras = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter((p) => p.length > 0);
  const marks = by === "model" ? [{ type: MODEL_TEXT_MARK }] : undefined;
  const doc: JSONContent = {
    type: "doc",
    content: paras.map((p) => ({ type: "paragraph", content: [{ type: "text", text: p, ...(marks ? { marks } : {}) }] })),
  };
  return serializeMarkdown(doc);
}

/** The words of a unit body, whatever its markup and provenance. */
export function wordsOfBody(markdown: string): string {
  return plainTextOf(parseMarkdown(markdown)).replace(/\s+/g, " ").trim();
}

export function sameWords(a: string, b: string): boolean {
  return wordsOfBody(a) === wordsOfBody(b);
}

/** A unit body as engine text: paragraphs separated by blank lines, markup and provenance gone. */
export function plainOfBody(markdown: string): string {
  return plainTextOf(parseMarkdown(markdown));
}
