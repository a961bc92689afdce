/**
 * Provenance: which words the model wrote.
 *
 * In the editor it is the `modelText` mark. In Markdown it is written as raw inline HTML
 *
 *     <span data-quire="ai">text the model wrote</span>
 *
 * chosen because CommonMark keeps inline HTML without changing the text around it: every
 * Markdown renderer (GitHub, pandoc, Obsidian) shows the words and hides the marker, emphasis
 * inside or across it still works, and it cannot be confused with anything a writer types
 * (the serializer escapes every `<` in the writer's text as `\<`). The span carries no other
 * attributes, so a plain regular expression can find it; export removes it (see stripProvenance).
 */
import type { JSONContent } from "@tiptap/core";

export const MODEL_TEXT_MARK = "modelText";
export const MODEL_SPAN_OPEN = '<span data-quire="ai">';
export const MODEL_SPAN_CLOSE = "</span>";

/** Accepts the canonical form and harmless variants (single quotes, no quotes, extra spaces). */
export const MODEL_SPAN_OPEN_PATTERN = /^<span\s+data-quire\s*=\s*(?:"ai"|'ai'|ai)\s*>$/i;


/** The document without provenance marks (the words stay). */
export function stripProvenanceFromDoc(doc: JSONContent): JSONContent {
  const walk = (node: JSONContent): JSONContent => {
    const out: JSONContent = { ...node };
    if (node.marks) {
      const marks = node.marks.filter((m) => m.type !== MODEL_TEXT_MARK);
      if (marks.length > 0) out.marks = marks;
      else delete out.marks;
    }
    if (node.content) out.content = node.content.map(walk);
    return out;
  };
  return walk(doc);
}

/** True when the Markdown contains model-written text. Cheap: no parse. */
export function hasProvenance(markdown: string): boolean {
  return /<span\s+data-quire\s*=\s*["']?ai/i.test(markdown);
}
