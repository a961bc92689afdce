/**
 * Story-bible mentions highlighted in the editor: names and aliases, found by the shared finder
 * (shared/text/names: "The vicar" at a sentence start too), get a decoration (never a mark, so
 * nothing reaches the file). Recomputed for the blocks a change touches, mapped
 * otherwise, so a keystroke costs one paragraph's scan at most.
 */
import { Extension } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { NameFinder } from "../../../electron/shared/text/names";

interface MentionState {
  set: DecorationSet;
  /** which names the set was computed for */
  version: number;
}

export const mentionKey = new PluginKey<MentionState>("quire-mentions");

let finder: NameFinder | null = null;
let version = 0;
const listeners = new Set<() => void>();

/** Sets the names to highlight (from the bible); editors refresh on their next transaction. */
export function setMentionNames(entries: { name: string; aliases: string[] }[]): void {
  const next = new NameFinder(entries);
  version++;
  finder = next.empty ? null : next;
  for (const l of listeners) l();
}

let findings: { needle: string; message: string }[] = [];

/** Monitor findings in the open unit: their passages are underlined, the explanation on hover. */
export function setFindingMarks(items: { excerpt?: string; message: string }[]): void {
  const next = items.filter((f) => f.excerpt && f.excerpt.trim().length > 3).map((f) => ({ needle: f.excerpt!.trim().slice(0, 80), message: f.message }));
  if (JSON.stringify(next) === JSON.stringify(findings)) return;
  findings = next;
  version++;
  for (const l of listeners) l();
}

function decorateBlock(node: PmNode, pos: number, out: Decoration[]): void {
  const text = node.textContent;
  for (const f of findings) {
    const at = text.indexOf(f.needle);
    if (at >= 0) out.push(Decoration.inline(pos + 1 + at, pos + 1 + at + f.needle.length, { class: "finding-mark", title: f.message }));
  }
  if (!finder) return;
  for (const m of finder.find(text)) {
    // textContent offsets equal positions inside a textblock made only of text and marks
    out.push(Decoration.inline(pos + 1 + m.at, pos + 1 + m.end, { class: "mention", "data-mention": m.text }));
  }
}

function decorateAll(doc: PmNode): DecorationSet {
  const out: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      decorateBlock(node, pos, out);
      return false;
    }
    return true;
  });
  return DecorationSet.create(doc, out);
}

function update(tr: Transaction, old: MentionState): MentionState {
  if (tr.getMeta(mentionKey) === "refresh" || old.version !== version) return { set: decorateAll(tr.doc), version };
  if (!tr.docChanged) return old;
  return { set: updateSet(tr, old.set), version };
}

function updateSet(tr: Transaction, old: DecorationSet): DecorationSet {
  let set = old.map(tr.mapping, tr.doc);
  // rescan only the textblocks the change touched
  const touched: { from: number; to: number }[] = [];
  tr.mapping.maps.forEach((map, i) => map.forEach((_a, _b, from, to) => {
    let f = from;
    let t = to;
    for (const later of tr.mapping.maps.slice(i + 1)) {
      f = later.map(f, -1);
      t = later.map(t, 1);
    }
    touched.push({ from: f, to: t });
  }));
  for (const r of touched) {
    const from = Math.max(0, Math.min(r.from, tr.doc.content.size));
    const to = Math.max(from, Math.min(r.to, tr.doc.content.size));
    tr.doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isTextblock) return true;
      set = set.remove(set.find(pos, pos + node.nodeSize));
      const out: Decoration[] = [];
      decorateBlock(node, pos, out);
      set = set.add(tr.doc, out);
      return false;
    });
  }
  return set;
}

export const MentionHighlight = Extension.create({
  name: "quireMentions",
  addProseMirrorPlugins() {
    const editor = this.editor;
    const refresh = () => {
      if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(mentionKey, "refresh").setMeta("addToHistory", false));
    };
    return [
      new Plugin<MentionState>({
        key: mentionKey,
        state: { init: (_c, state) => ({ set: decorateAll(state.doc), version }), apply: (tr, old) => update(tr, old) },
        props: { decorations: (state) => mentionKey.getState(state)?.set },
        view: () => {
          listeners.add(refresh);
          return {
            // a unit mounted from its kept state may predate the latest names
            update: (view) => {
              if (mentionKey.getState(view.state)?.version !== version) queueMicrotask(refresh);
            },
            destroy: () => listeners.delete(refresh),
          };
        },
      }),
    ];
  },
});
