/**
 * Moving the keyboard between the studio's two working areas, the binder and the page, without
 * the Tab key: the binder's selected row, or the page with its caret where the writer left it.
 */
import { useDrafting } from "./drafting/drafting-store";
import { editorRegistry } from "./editor/editor-registry";
import { useApp } from "./state/app-store";

const BINDER = ".binder";

/** Focuses the binder's selected row (the first row when none is selected). */
export function focusBinder(): boolean {
  const tree = document.querySelector<HTMLElement>(`${BINDER} [role="tree"]`);
  const row = tree?.querySelector<HTMLElement>('[role="treeitem"][aria-selected="true"]') ?? tree?.querySelector<HTMLElement>('[role="treeitem"]');
  row?.focus();
  return !!row;
}

/**
 * Shows the write screen and puts the caret back in the page, where it was. The unit the binder
 * just selected may still be loading (and the one left saving): the caret goes in once the page
 * shows that unit, within a couple of seconds, or not at all.
 */
export function focusPage(): void {
  useDrafting.getState().setScreen("write");
  const wanted = useApp.getState().currentUnitId;
  const until = performance.now() + 2000;
  const tryFocus = () => {
    const ed = editorRegistry.current;
    if (ed && ed.currentUnitId === wanted && ed.editor.isEditable) return void ed.editor.commands.focus();
    if (performance.now() < until) requestAnimationFrame(tryFocus);
  };
  requestAnimationFrame(tryFocus);
}

/** From the binder to the page, from anywhere else to the binder. */
export function switchBinderPage(): void {
  if (document.activeElement?.closest(BINDER)) focusPage();
  else focusBinder();
}
