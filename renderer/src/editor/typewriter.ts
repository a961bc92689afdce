import type { Editor } from "@tiptap/core";

/**
 * Typewriter scrolling: after each change or caret move, the page scrolls so the caret's line
 * sits at a steady height (the token --typewriter-line, a fraction of the view). Measured once a
 * frame in requestAnimationFrame, so a burst of keystrokes costs one layout read, not one each.
 * Returns the function that stops it.
 */
export function startTypewriter(editor: Editor, scroller: HTMLElement): () => void {
  const line = Number.parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--typewriter-line")) || 0.45;
  let frame = 0;
  const place = () => {
    frame = 0;
    if (editor.isDestroyed || !editor.isFocused) return;
    const head = editor.state.selection.head;
    let caret: { top: number; bottom: number };
    try {
      caret = editor.view.coordsAtPos(head);
    } catch {
      return; // the position is not rendered yet (a unit mid-switch)
    }
    const box = scroller.getBoundingClientRect();
    const delta = (caret.top + caret.bottom) / 2 - (box.top + box.height * line);
    if (Math.abs(delta) >= 1) scroller.scrollTop += delta;
  };
  const schedule = ({ transaction }: { transaction: { docChanged: boolean; selectionSet: boolean } }) => {
    if ((transaction.docChanged || transaction.selectionSet) && !frame) frame = requestAnimationFrame(place);
  };
  editor.on("transaction", schedule);
  const onFocus = () => {
    if (!frame) frame = requestAnimationFrame(place);
  };
  editor.on("focus", onFocus);
  onFocus();
  return () => {
    editor.off("transaction", schedule);
    editor.off("focus", onFocus);
    if (frame) cancelAnimationFrame(frame);
  };
}
