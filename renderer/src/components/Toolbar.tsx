import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { insertFootnote } from "../editor/insert-footnote";

/** Formatting buttons; re-renders only when what it shows changes (useEditorState selector). */
export function Toolbar({ editor }: { editor: Editor }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      h1: e.isActive("heading", { level: 1 }),
      h2: e.isActive("heading", { level: 2 }),
      quote: e.isActive("blockquote"),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      editable: e.isEditable,
    }),
  });
  const b = (label: string, pressed: boolean, run: () => void, shortcut?: string) => (
    <button
      type="button"
      aria-pressed={pressed}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={!state.editable}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      {label}
    </button>
  );
  const chain = () => editor.chain().focus();
  return (
    <div className="toolbar" role="toolbar" aria-label="Formatting">
      {b("Bold", state.bold, () => chain().toggleBold().run(), "Ctrl+B")}
      {b("Italic", state.italic, () => chain().toggleItalic().run(), "Ctrl+I")}
      {b("Heading", state.h2, () => chain().toggleHeading({ level: 2 }).run())}
      {b("Quote", state.quote, () => chain().toggleBlockquote().run())}
      {b("List", state.bullet, () => chain().toggleBulletList().run())}
      {b("Numbered", state.ordered, () => chain().toggleOrderedList().run())}
      {b("Scene break", false, () => chain().setHorizontalRule().run())}
      {b("Footnote", false, () => insertFootnote(editor))}
      {b("Link", false, () => {
        const href = prompt("Link address (https://…)");
        if (href && /^(https?:|mailto:)/i.test(href)) chain().setLink({ href }).run();
      })}
    </div>
  );
}
