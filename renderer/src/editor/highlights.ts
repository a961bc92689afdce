/**
 * Story-bible mentions and monitor findings highlighted in the editor: names and aliases get a
 * decoration (never a mark, so nothing reaches the file), and passages a check flagged are
 * underlined with its explanation on hover. Recomputed for the blocks a change touches, mapped
 * otherwise, so a keystroke costs one paragraph's scan at most.
 *
 * What to highlight comes from a source the editor's owner passes in (the studio's state);
 * the extension keeps no state of its own outside the editor it is part of.
 */
import { Extension } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { NameFinder } from "../../../electron/shared/text/names";

export interface Highlights {
  /** bible entries whose names and aliases are marked as mentions */
  names: { name: string; aliases: string[] }[];
  /** findings in the open unit: their excerpts are underlined */
  findings: { excerpt?: string; message: string }[];
}

/** Where the highlights come from; a new Highlights object means they changed. */
export interface HighlightSource {
  get(): Highlights;
  subscribe(onChange: () => void): () => void;
}

/** What one Highlights object compiles to, for the scan of a block. */
interface Compiled {
  of: Highlights | null;
  /** the shared name finder (shared/text/names): "The vicar" at a sentence start too */
  names: NameFinder | null;
  findings: { needle: string; message: string }[];
}

interface HighlightState {
  set: DecorationSet;
  /** the Highlights the set was computed for */
  of: Highlights | null;
}

export const highlightKey = new PluginKey<HighlightState>("quire-highlights");

function compile(h: Highlights | null): Compiled {
  if (!h) return { of: null, names: null, findings: [] };
  const names = new NameFinder(h.names);
  return {
    of: h,
    names: names.empty ? null : names,
    findings: h.findings.filter((f) => f.excerpt && f.excerpt.trim().length > 3).map((f) => ({ needle: f.excerpt!.trim().slice(0, 80), message: f.message })),
  };
}

function decorateBlock(c: Compiled, node: PmNode, pos: number, out: Decoration[]): void {
  const text = node.textContent;
  for (const f of c.findings) {
    const at = text.indexOf(f.needle);
    if (at >= 0) out.push(Decoration.inline(pos + 1 + at, pos + 1 + at + f.needle.length, { class: "finding-mark", title: f.message }));
  }
  if (!c.names) return;
  for (const m of c.names.find(text)) {
    // textContent offsets equal positions inside a textblock made only of text and marks
    out.push(Decoration.inline(pos + 1 + m.at, pos + 1 + m.end, { class: "mention", "data-mention": m.text }));
  }
}

function decorateAll(c: Compiled, doc: PmNode): DecorationSet {
  const out: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (node.isTextblock) {
      decorateBlock(c, node, pos, out);
      return false;
    }
    return true;
  });
  return DecorationSet.create(doc, out);
}

function update(c: Compiled, tr: Transaction, old: HighlightState): HighlightState {
  if (tr.getMeta(highlightKey) === "refresh" || old.of !== c.of) return { set: decorateAll(c, tr.doc), of: c.of };
  if (!tr.docChanged) return old;
  return { set: updateSet(c, tr, old.set), of: c.of };
}

function updateSet(c: Compiled, tr: Transaction, old: DecorationSet): DecorationSet {
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
      decorateBlock(c, node, pos, out);
      set = set.add(tr.doc, out);
      return false;
    });
  }
  return set;
}

export const HighlightExtension = Extension.create<{ source: HighlightSource | null }>({
  name: "quireHighlights",
  addOptions: () => ({ source: null }),
  addProseMirrorPlugins() {
    const editor = this.editor;
    const source = this.options.source;
    // compiled once per Highlights object, for this editor
    let compiled = compile(source?.get() ?? null);
    const current = () => {
      const h = source?.get() ?? null;
      if (h !== compiled.of) compiled = compile(h);
      return compiled;
    };
    const refresh = () => {
      if (!editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(highlightKey, "refresh").setMeta("addToHistory", false));
    };
    return [
      new Plugin<HighlightState>({
        key: highlightKey,
        state: { init: (_c, state) => ({ set: decorateAll(current(), state.doc), of: current().of }), apply: (tr, old) => update(current(), tr, old) },
        props: { decorations: (state) => highlightKey.getState(state)?.set },
        view: () => {
          const unsubscribe = source?.subscribe(refresh) ?? (() => {});
          return {
            // a unit mounted from its kept state may predate the latest highlights
            update: (view) => {
              if (highlightKey.getState(view.state)?.of !== current().of) queueMicrotask(refresh);
            },
            destroy: unsubscribe,
          };
        },
      }),
    ];
  },
});
