// The baseline for bench:editor: a bare Tiptap page with nothing of Quire around it.
import { Editor, type JSONContent } from "@tiptap/core";
import StarterKit from "@tiptap/starter-kit";

(window as unknown as { mountBare(content: JSONContent): void }).mountBare = (content) => {
  const editor = new Editor({ element: document.getElementById("editor")!, extensions: [StarterKit], content });
  editor.view.dom.classList.add("manuscript");
};
