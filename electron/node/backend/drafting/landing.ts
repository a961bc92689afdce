/**
 * Landing a draft: engine text ⇄ unit Markdown (drafts land tagged as model-written; staleness
 * is judged on the words, not the markup), and the landing itself.
 */
import type { JSONContent } from "@tiptap/core";
import { MODEL_TEXT_MARK, parseMarkdown, serializeMarkdown } from "../../../shared/markdown/index";
import { plainTextOf } from "../../../shared/markdown/plain-text";
import { diffTexts } from "../../../shared/text/diff";
import { storeCall } from "../store-errors";
import { countBody, type DraftingContext } from "./context";
import type { Binder } from "./files/binder-file";
import type { RunSession } from "./run-session";

/** Paragraphs of engine text as Markdown, every word marked as the model's (or the writer's, for an edit they typed). */
export function draftToMarkdown(text: string, by: "model" | "writer" = "model"): string {
  const paras = text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter((p) => p.length > 0);
  const marks = by === "model" ? [{ type: MODEL_TEXT_MARK }] : undefined;
  const doc: JSONContent = {
    type: "doc",
    content: paras.map((p) => ({ type: "paragraph", content: [{ type: "text", text: p, ...(marks ? { marks } : {}) }] })),
  };
  return serializeMarkdown(doc);
}

/** Paragraphs as the drafts and edits are split: blank lines apart, a single line break a space. */
const paragraphsOf = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, " ").trim())
    .filter((p) => p.length > 0);

/**
 * The writer's edit of a proposal as a unit body: every word the writer left as it was keeps the
 * provenance it had in the proposal (the model's words stay the model's), and what they typed or
 * changed is theirs. A word diff of the proposal's text against the edit says which is which.
 */
export function editedToMarkdown(editedText: string, afterBody: string): string {
  // the proposal as plain text, one provenance flag per character
  let before = "";
  const model: boolean[] = [];
  const visit = (node: JSONContent) => {
    if (node.type === "paragraph" || node.type === "heading") {
      const runs = (node.content ?? []).map((n) => ({
        text: n.type === "text" ? (n.text ?? "") : n.type === "hardBreak" ? " " : "",
        model: (n.marks ?? []).some((m) => m.type === MODEL_TEXT_MARK),
      }));
      const text = runs.map((r) => r.text).join("").replace(/\s*\n\s*/g, " ");
      const lead = text.length - text.trimStart().length;
      const flags = runs.flatMap((r) => Array.from(r.text, () => r.model)).slice(lead, lead + text.trim().length);
      if (!text.trim()) return;
      if (before) ((before += "\n\n"), model.push(false, false));
      before += text.trim();
      model.push(...flags);
      return;
    }
    for (const child of node.content ?? []) visit(child);
  };
  visit(parseMarkdown(afterBody));

  const edited = paragraphsOf(editedText).join("\n\n");
  let out = "";
  const flags: boolean[] = [];
  let at = 0;
  for (const part of diffTexts(before, edited, "words").parts) {
    if (part.removed) {
      at += part.value.length;
      continue;
    }
    for (const ch of part.value) {
      out += ch;
      flags.push(part.added ? false : (model[at] ?? false));
      if (!part.added) at++;
    }
  }
  const content: JSONContent[] = [];
  for (const m of out.matchAll(/[^\n]+(?:\n(?!\n)[^\n]*)*/g)) {
    const from = m.index + (m[0].length - m[0].trimStart().length);
    const to = m.index + m[0].trimEnd().length;
    if (to <= from) continue;
    const runs: JSONContent[] = [];
    for (let i = from; i < to; ) {
      let j = i;
      while (j < to && flags[j] === flags[i]) j++;
      runs.push({ type: "text", text: out.slice(i, j), ...(flags[i] ? { marks: [{ type: MODEL_TEXT_MARK }] } : {}) });
      i = j;
    }
    content.push({ type: "paragraph", content: runs });
  }
  return serializeMarkdown({ type: "doc", content });
}

/** The words of a unit body, whatever its markup and provenance. */
export function wordsOfBody(markdown: string): string {
  return plainTextOf(parseMarkdown(markdown)).replace(/\s+/g, " ").trim();
}

export function sameWords(a: string, b: string): boolean {
  return wordsOfBody(a) === wordsOfBody(b);
}

/** A unit body as engine text: paragraphs separated by blank lines, markup and provenance gone. */
export function plainOfBody(markdown: string): string {
  return plainTextOf(parseMarkdown(markdown));
}

/**
 * Writes a finished unit's draft into its file when the writer left it empty; proposes it
 * otherwise (a landing proposal in the studio's run file). `text` is the draft as the run handed
 * it over; without it (reopening a project after a crash) the run's own copy is loaded.
 */
export async function landDraft(ctx: DraftingContext, session: RunSession, binder: Binder, planId: string, text?: string): Promise<void> {
  const { studio, state } = session;
  if (!studio || !state || studio.landed[planId] || studio.landings.some((l) => l.planId === planId)) return;
  const unitId = binder[planId];
  if (!unitId || !ctx.store.units().some((u) => u.id === unitId)) return;
  const draft = text ?? (await ctx.runStore.loadUnit(state.runId, planId))?.text;
  if (draft === undefined) return;
  const body = draftToMarkdown(draft);
  const current = await storeCall(() => ctx.store.readUnitWithVersion(unitId));
  if (wordsOfBody(current.body) === "") {
    const { version } = await storeCall(() => ctx.store.saveUnitBody(unitId, body, current.version));
    studio.landed[planId] = { unitId, body };
    await storeCall(() => ctx.store.updateUnit(unitId, { status: "draft" }));
    ctx.emit("run.landed", { handle: ctx.handle, planId, unit: { id: unitId, body, version }, words: countBody(ctx, body) });
    ctx.emit("units.changed", { handle: ctx.handle, units: ctx.store.units() });
  } else {
    studio.landings.push({ id: `${planId}-draft`, planId, unitId, before: current.body, after: body });
  }
  await session.saveStudio();
}
