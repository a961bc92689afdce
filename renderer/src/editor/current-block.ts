/**
 * Focus mode's dimming: the top-level block that holds the caret gets the class
 * `is-current-block`, so CSS can fade every other paragraph. A node decoration (never a mark:
 * nothing reaches the file). Off unless focus mode asks for it, and then recomputed only when
 * the caret moves to another block, so a keystroke inside a paragraph costs a comparison.
 */
import { Extension } from "@tiptap/core";
import type { EditorState } from "@tiptap/pm/state";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

interface CurrentBlock {
  on: boolean;
  /** start of the decorated block, or -1 */
  from: number;
  set: DecorationSet;
}

const key = new PluginKey<CurrentBlock>("quire-current-block");
let enabled = false;
const editors = new Set<() => void>();

/** Turns the marking on or off in every editor (focus mode with dimming on, or not). */
export function setCurrentBlockMarking(on: boolean): void {
  if (enabled === on) return;
  enabled = on;
  for (const refresh of editors) refresh();
}

function compute(state: EditorState, on: boolean, old?: CurrentBlock): CurrentBlock {
  if (!on) return old && !old.on ? old : { on: false, from: -1, set: DecorationSet.empty };
  const $head = state.selection.$head;
  if ($head.depth === 0) return { on, from: -1, set: DecorationSet.empty };
  const from = $head.before(1);
  if (old?.on && old.from === from && old.set !== DecorationSet.empty) return old;
  const node = state.doc.nodeAt(from);
  if (!node) return { on, from: -1, set: DecorationSet.empty };
  return { on, from, set: DecorationSet.create(state.doc, [Decoration.node(from, from + node.nodeSize, { class: "is-current-block" })]) };
}

export const CurrentBlock = Extension.create({
  name: "quireCurrentBlock",
  addProseMirrorPlugins() {
    const editor = this.editor;
    const refresh = () => {
      if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(key, "refresh").setMeta("addToHistory", false));
    };
    return [
      new Plugin<CurrentBlock>({
        key,
        state: {
          init: (_c, state) => compute(state, enabled),
          apply: (tr, old, _before, state) => {
            if (!enabled) return compute(state, false, old);
            // the block moved under a change: map the old start, then see if the caret is still in it
            const mapped = tr.docChanged && old.from >= 0 ? { ...old, from: tr.mapping.map(old.from), set: old.set.map(tr.mapping, tr.doc) } : old;
            return tr.docChanged || tr.selectionSet || tr.getMeta(key) || !old.on ? compute(state, true, mapped) : mapped;
          },
        },
        props: { decorations: (state) => key.getState(state)?.set },
        view: () => {
          editors.add(refresh);
          return {
            // a unit mounted from its kept state may have been computed before dimming changed
            update: (view) => {
              if ((key.getState(view.state)?.on ?? false) !== enabled) queueMicrotask(refresh);
            },
            destroy: () => editors.delete(refresh),
          };
        },
      }),
    ];
  },
});
