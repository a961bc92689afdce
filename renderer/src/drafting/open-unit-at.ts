import { editorRegistry } from "../editor/editor-registry";
import { useApp } from "../state/app-store";
import { useDrafting } from "./drafting-store";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Opens a unit on the write screen and, once the editor shows it, selects the first place one of
 * `names` occurs (whole words), scrolled into view: "where this entity appears".
 */
export function openUnitAt(unitId: string, names: string[] = []): void {
  useApp.getState().selectUnit(unitId);
  useDrafting.getState().setScreen("write");
  const pattern = names.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escape).join("|")})(?![\\p{L}\\p{N}])`, "u") : null;
  let frames = 0;
  const find = () => {
    const ed = editorRegistry.current;
    // the unit may still be loading: try for a couple of seconds of frames
    if (!ed || ed.currentUnitId !== unitId || ed.editor.view.dom.getAttribute("aria-busy") === "true") {
      if (frames++ < 120) requestAnimationFrame(find);
      return;
    }
    if (!pattern) return void ed.editor.commands.focus("start");
    let hit: { from: number; to: number } | null = null;
    ed.editor.state.doc.descendants((node, pos) => {
      if (hit) return false;
      if (!node.isTextblock) return true;
      const m = pattern.exec(node.textContent);
      if (m) hit = { from: pos + 1 + m.index, to: pos + 1 + m.index + m[0].length };
      return false;
    });
    if (hit) ed.editor.chain().focus().setTextSelection(hit).scrollIntoView().run();
    else ed.editor.commands.focus("start");
  };
  requestAnimationFrame(find);
}
