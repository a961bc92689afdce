import type { Editor } from "@tiptap/core";
import { TextSelection } from "@tiptap/pm/state";

/**
 * Inserts a footnote reference at the cursor with the next free number, and its definition at
 * the end of the unit (the footnotes block is created when the unit has none), then puts the
 * cursor in the new definition.
 */
export function insertFootnote(editor: Editor): boolean {
  const { state } = editor;
  const used = new Set<number>();
  state.doc.descendants((node) => {
    if (node.type.name === "footnoteReference" || node.type.name === "footnoteDefinition") {
      const n = Number(node.attrs.label);
      if (Number.isInteger(n)) used.add(n);
    }
    return true;
  });
  let label = 1;
  while (used.has(label)) label++;
  const { schema } = state;
  const ref = schema.nodes.footnoteReference?.create({ label: String(label) });
  const def = schema.nodes.footnoteDefinition?.create({ label: String(label) }, schema.nodes.paragraph!.create());
  if (!ref || !def) return false;

  let tr = state.tr.replaceSelectionWith(ref, false);
  const last = tr.doc.lastChild;
  if (last?.type.name === "footnotes") {
    tr = tr.insert(tr.doc.content.size - 1, def);
  } else {
    tr = tr.insert(tr.doc.content.size, schema.nodes.footnotes!.create(null, def));
  }
  // the new definition's paragraph is the last textblock of the document
  const end = tr.doc.content.size - 3;
  tr = tr.setSelection(TextSelection.near(tr.doc.resolve(end), -1));
  editor.view.dispatch(tr.scrollIntoView());
  editor.view.focus();
  return true;
}
