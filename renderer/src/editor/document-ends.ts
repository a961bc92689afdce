/**
 * Ctrl+Home and Ctrl+End (Cmd+Up and Cmd+Down on macOS) move the caret to the start and end of
 * the unit as editor commands rather than leaving the move to the browser. ProseMirror takes a
 * caret that lands at the very start within 200 ms of the editor gaining focus for Chromium's
 * reset-on-focus and puts the old selection back, so a native Ctrl+Home right after focus mode
 * (which refocuses the text) or a return to the window was silently undone. Shift keeps its
 * native meaning (extend the selection), which that guard never touches.
 */
import { Extension, isMacOS, type KeyboardShortcutCommand } from "@tiptap/core";
import { Selection } from "@tiptap/pm/state";

export const DocumentEnds = Extension.create({
  name: "quireDocumentEnds",
  addKeyboardShortcuts() {
    const to = (end: "start" | "end") => () =>
      this.editor.commands.command(({ tr, dispatch }) => {
        if (dispatch) tr.setSelection(end === "start" ? Selection.atStart(tr.doc) : Selection.atEnd(tr.doc)).scrollIntoView();
        return true;
      });
    const keys: Record<string, KeyboardShortcutCommand> = isMacOS() ? { "Mod-ArrowUp": to("start"), "Mod-ArrowDown": to("end") } : { "Ctrl-Home": to("start"), "Ctrl-End": to("end") };
    return keys;
  },
});
