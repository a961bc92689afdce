import type { Editor } from "@tiptap/core";

/**
 * Puts a seam bridge into the open unit through the editor, so it is one step the writer can
 * undo: the paragraphs that read `passage` (the unit's opening or ending as the check saw it)
 * become the paragraphs of `rewritten`. False when those paragraphs are no longer there (the
 * writer typed since): nothing is changed then.
 */
export function applyBridge(editor: Editor, passage: string, rewritten: string): boolean {
  const want = passage.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim()).filter(Boolean);
  if (want.length === 0) return false;
  const blocks: { from: number; to: number; text: string }[] = [];
  editor.state.doc.forEach((node, offset) => {
    if (node.isTextblock) blocks.push({ from: offset, to: offset + node.nodeSize, text: node.textContent.replace(/\s+/g, " ").trim() });
  });
  for (let i = 0; i + want.length <= blocks.length; i++) {
    if (!want.every((p, k) => blocks[i + k]!.text === p)) continue;
    const content = rewritten
      .split(/\n\s*\n/)
      .map((p) => p.replace(/\s+/g, " ").trim())
      .filter(Boolean)
      .map((p) => ({ type: "paragraph", content: [{ type: "text", text: p }] }));
    return editor.chain().focus().insertContentAt({ from: blocks[i]!.from, to: blocks[i + want.length - 1]!.to }, content).run();
  }
  return false;
}
