import { Editor } from "@tiptap/core";
import { Placeholder, UndoRedo } from "@tiptap/extensions";
import { EditorState, Selection, TextSelection } from "@tiptap/pm/state";
import type { QuireClient } from "../../../electron/shared/contract/client";
import { QuireError } from "../../../electron/shared/contract/errors";
import type { CountUnit } from "../../../electron/shared/text/count-words";
import { t } from "../strings";
import { BlockWordCounter } from "./block-word-counter";
import { clampSpot, type CaretMemory } from "./caret-memory";
import { CurrentBlock } from "./current-block";
import { DocumentEnds } from "./document-ends";
import { HighlightExtension, type HighlightSource } from "./highlights";
import { docToMarkdown, documentExtensions, markdownToDoc } from "./markdown-bridge";
import { SaveScheduler } from "./save-scheduler";
import type { UnitSession } from "./unit-session";

/** Transaction meta: a draft that is already on disk (no save, no journal). */
const DRAFT_META = "quire-draft";

/** Where the editor keeps each unit's caret and scroll (optional: without it a unit opens at its start). */
export interface UnitPlaces {
  memory: CaretMemory;
  /** the element that scrolls the page */
  scroller(): HTMLElement | null;
}

export interface UnitEditorEvents {
  words(unitId: string, total: number, model: number): void;
  saveState(state: "saved" | "dirty" | "saving" | "offline" | "error"): void;
  conflict(unitId: string): void;
  wroteWords(delta: number): void;
  /** the save happened, and something after it did not (the reply's warning) */
  warn(text: string): void;
}

/**
 * One Tiptap editor for the whole studio, showing one unit at a time: at book length a single
 * contenteditable costs ~80 ms a keystroke, one unit ~8 ms. Each unit's EditorState is kept,
 * so switching back restores its text, selection and undo history.
 */
export class UnitEditor {
  readonly editor: Editor;
  private sessions = new Map<string, UnitSession>();
  private current: UnitSession | null = null;
  private counter: BlockWordCounter;
  private scheduler: SaveScheduler;
  private saving: Promise<void> = Promise.resolve();

  constructor(
    element: HTMLElement,
    private readonly client: QuireClient,
    private readonly handle: string,
    countUnit: CountUnit,
    private readonly events: UnitEditorEvents,
    highlights: HighlightSource | null = null,
    /** this tab's name: its journal entries and saves are its own */
    private readonly clientId?: string,
    private readonly places: UnitPlaces | null = null,
  ) {
    this.counter = new BlockWordCounter(countUnit);
    this.scheduler = new SaveScheduler(
      () => void this.journal(),
      () => void this.saveCurrent(),
    );
    this.editor = new Editor({
      element,
      // UndoRedo is editor-only (the document model leaves it out); each unit's history lives in its EditorState
      extensions: documentExtensions([UndoRedo, HighlightExtension.configure({ source: highlights }), CurrentBlock, DocumentEnds, Placeholder.configure({ placeholder: t.editor.placeholder })]),
      editable: false,
      editorProps: { attributes: { class: "manuscript", "aria-label": "Manuscript", spellcheck: "true" } },
      onSelectionUpdate: () => this.notePlace(),
      onUpdate: ({ transaction }) => {
        if (!this.current || !transaction.docChanged) return;
        if (transaction.getMeta(DRAFT_META)) return this.recount(); // already on disk
        this.current.dirty = true;
        this.events.saveState("dirty");
        this.scheduler.changed();
        this.recount();
      },
    });
  }

  get currentUnitId(): string | null {
    return this.current?.id ?? null;
  }

  /** Shows a unit, saving the one that was showing first. */
  async open(unitId: string): Promise<void> {
    if (this.current?.id === unitId) return;
    const ticket = ++this.openTicket;
    // keystrokes must not land in the unit being left while the next one loads or the last one
    // saves; a unit already held, with nothing to save, opens without a wait (nothing can come
    // in between), and toggling editable then would only cost the page one more full layout
    const waits = !this.sessions.has(unitId) || [...this.sessions.values()].some((s) => s.dirty);
    if (waits) this.editor.setEditable(false);
    await this.flush();
    let session = this.sessions.get(unitId);
    if (!session) {
      this.editor.view.dom.setAttribute("aria-busy", "true");
      performance.mark("quire:unit-fetch");
      let epoch: number;
      let read: { body: string; version: number };
      do {
        epoch = this.epochOf(unitId);
        read = await this.client.call("units.read", { handle: this.handle, id: unitId });
      } while (epoch !== this.epochOf(unitId) && ticket === this.openTicket); // newer text landed meanwhile
      const { body, version } = read;
      performance.measure("quire:unit-fetch", "quire:unit-fetch");
      if (ticket !== this.openTicket) return; // the writer moved on to another unit meanwhile
      session = this.sessions.get(unitId);
      if (!session) {
        performance.mark("quire:unit-parse");
        session = this.newSession(unitId, body, version);
        performance.measure("quire:unit-parse", "quire:unit-parse");
        this.sessions.set(unitId, session);
      }
    }
    if (ticket !== this.openTicket) return;
    this.applyPendingDraft(unitId);
    this.notePlace(true);
    this.stash();
    this.current = session;
    performance.mark("quire:unit-mount");
    this.editor.view.updateState(session.state);
    performance.measure("quire:unit-mount", "quire:unit-mount");
    this.restorePlace(session);
    if (this.editor.isEditable !== !session.readOnly) this.editor.setEditable(!session.readOnly);
    // what shows the editor's state (the formatting row) follows the unit now shown
    else this.editor.emit("update", { editor: this.editor, transaction: this.editor.state.tr, appendedTransactions: [] });
    this.editor.view.dom.dataset.unitId = unitId;
    this.editor.view.dom.removeAttribute("aria-busy");
    this.recount();
  }

  private openTicket = 0;

  // ── where the writer was in each unit ──

  /**
   * The page's scroll as its scroll events last reported it (see noteScroll). Kept rather than
   * read when a place is noted: reading scrollTop while the page has changes not yet laid out
   * (a unit switch, a keystroke) forces a layout of the whole chapter there and then.
   */
  private pageScroll = 0;

  /** The page scrolled (the page's scroll listener, or when the page hides): remembers where to. */
  noteScroll(scrollTop: number, now = false): void {
    this.pageScroll = scrollTop;
    this.notePlace(now);
  }

  /** Records the open unit's caret and scroll (soon, or at once when leaving it or hiding the page). */
  notePlace(now = false): void {
    if (!this.places || !this.current || this.destroyed) return;
    const { anchor, head } = this.editor.state.selection;
    this.places.memory.remember(this.current.id, { from: anchor, to: head, scroll: this.pageScroll }, now);
  }

  /**
   * Puts the caret where the writer left the unit: on the first open of this session from the
   * remembered spot (a session opened again keeps its own EditorState, selection included), and
   * the page's scroll every time, since one page scroller serves every unit.
   */
  private restorePlace(session: UnitSession): void {
    if (!this.places) return;
    const spot = this.places.memory.get(session.id);
    if (spot && !session.placed) {
      const doc = this.editor.state.doc;
      const { from, to } = clampSpot(spot, doc.content.size);
      let selection: Selection;
      try {
        selection = TextSelection.between(doc.resolve(from), doc.resolve(to));
      } catch {
        selection = Selection.atStart(doc);
      }
      this.editor.view.dispatch(this.editor.state.tr.setSelection(selection).setMeta("addToHistory", false));
      this.stash();
    }
    session.placed = true;
    const scroller = this.places.scroller();
    this.pageScroll = spot?.scroll ?? 0;
    if (scroller) scroller.scrollTop = this.pageScroll;
  }

  /** Whether the unit is loaded here (open now, or kept from before). */
  holds(unitId: string): boolean {
    return this.sessions.has(unitId);
  }

  /** The version of the unit this editor holds, or null. */
  versionOf(unitId: string): number | null {
    return this.sessions.get(unitId)?.version ?? null;
  }

  /** Replace a unit's text with what is on disk (an external change, a restore). */
  replaceFromDisk(unitId: string, body: string, version: number): void {
    this.conflicted.delete(unitId);
    this.bumpEpoch(unitId);
    const fresh = this.newSession(unitId, body, version);
    this.sessions.set(unitId, fresh);
    if (this.current?.id === unitId) {
      this.current = fresh;
      this.editor.view.updateState(fresh.state);
      this.recount();
      // the unit now holds what is on disk: nothing of it is unsaved
      this.events.saveState("saved");
    }
  }

  /**
   * Loads units in idle time so switching to them costs only the mount: the neighbours of the
   * open unit first, then the rest while the project is not huge (`words` null: its size is not
   * known yet, the neighbours only).
   */
  prefetch(order: readonly string[], around: string, budgetWords = 400_000, words: Record<string, number> | null = {}): void {
    this.prefetchQueue.length = 0;
    const at = order.indexOf(around);
    const near = [order[at + 1], order[at - 1], order[at + 2], order[at - 2]].filter((x): x is string => !!x);
    const total = words ? order.reduce((a, id) => a + (words[id] ?? 0), 0) : Infinity;
    const rest = total <= budgetWords ? order.filter((id) => !near.includes(id)) : [];
    this.prefetchQueue.push(...[...near, ...rest].filter((id) => !this.sessions.has(id)));
    this.schedulePrefetch();
  }

  private prefetchQueue: string[] = [];
  private prefetching = false;

  private schedulePrefetch(): void {
    if (this.prefetching || this.prefetchQueue.length === 0) return;
    this.prefetching = true;
    const idle = (cb: () => void) =>
      typeof requestIdleCallback === "function" ? requestIdleCallback(cb, { timeout: 2000 }) : setTimeout(cb, 50);
    idle(() => {
      const id = this.prefetchQueue.shift();
      const done = () => {
        this.prefetching = false;
        this.schedulePrefetch();
      };
      if (!id || this.sessions.has(id) || this.destroyed) return done();
      const epoch = this.epochOf(id);
      this.client.call("units.read", { handle: this.handle, id }).then(({ body, version }) => {
        if (!this.sessions.has(id) && !this.destroyed && this.epochOf(id) === epoch) this.sessions.set(id, this.newSession(id, body, version));
        done();
      }, done);
    });
  }

  private destroyed = false;

  isDirty(unitId: string): boolean {
    if (this.current?.id === unitId) this.stash();
    return this.sessions.get(unitId)?.dirty ?? false;
  }

  /** Keep the writer's text but base it on the newer disk version, so the next save wins. */
  rebase(unitId: string, version: number): void {
    const s = this.sessions.get(unitId);
    if (s) s.version = version;
  }

  /**
   * Units whose file moved on under the writer's unsaved text: nothing is saved over the file
   * until the writer chooses (keep mine, take the file's, keep both), so no autosave decides.
   */
  private conflicted = new Set<string>();

  markConflict(unitId: string): void {
    this.conflicted.add(unitId);
  }

  /** The writer keeps their text: it is saved over the file's version they were shown. */
  keepMine(unitId: string, disk: { body: string; version: number }): Promise<void> {
    this.conflicted.delete(unitId);
    const s = this.sessions.get(unitId);
    if (!s) return Promise.resolve();
    if (this.current === s) this.stash();
    s.version = disk.version;
    s.dirty = true;
    // what is on disk is the file's text now; the writer's differs from it and is saved over it
    s.savedMarkdown = disk.body;
    return this.save(s);
  }

  /** The unit's text as the editor holds it, saved or not (Markdown). */
  markdownOf(unitId: string): string | null {
    const s = this.sessions.get(unitId);
    if (!s) return null;
    if (this.current === s) this.stash();
    return docToMarkdown(s.state.doc.toJSON());
  }

  forget(unitId: string): void {
    this.sessions.delete(unitId);
    if (this.current?.id === unitId) {
      this.current = null;
      this.editor.setEditable(false);
      this.editor.commands.clearContent();
    }
  }

  /** Saves every unit with unsaved edits. */
  async flush(): Promise<void> {
    this.scheduler.cancel();
    this.stash();
    for (const s of this.sessions.values()) if (s.dirty) await this.save(s);
  }

  destroy(): void {
    this.notePlace(true);
    this.destroyed = true;
    this.prefetchQueue.length = 0;
    this.scheduler.cancel();
    this.editor.destroy();
  }

  // ── drafting: units being written are read-only; a landed draft is one undo step ──

  private locked = new Set<string>();

  /** Units a run is writing: read-only until their draft lands. */
  setLocked(ids: readonly string[]): void {
    this.locked = new Set(ids);
    for (const s of this.sessions.values()) s.readOnly = this.locked.has(s.id);
    if (this.current) this.editor.setEditable(!this.current.readOnly);
  }

  /**
   * Text the run (or an accepted proposal) wrote to disk: replaces the unit's text in ONE
   * transaction, so a single undo takes it back; the model's words carry the modelText mark
   * from their Markdown. Units never opened here simply load it from disk later.
   */
  takeDraft(unitId: string, body: string, version: number): void {
    this.bumpEpoch(unitId);
    if (this.current?.id !== unitId) {
      // a unit out of sight takes its draft in idle time, never in the middle of the writer's typing
      if (!this.sessions.has(unitId)) return;
      this.pendingDrafts.set(unitId, { body, version });
      const idle = (cb: () => void) => (typeof requestIdleCallback === "function" ? requestIdleCallback(cb, { timeout: 5000 }) : setTimeout(cb, 50));
      idle(() => this.applyPendingDraft(unitId));
      return;
    }
    this.pendingDrafts.delete(unitId);
    this.applyDraft(unitId, body, version);
  }

  private pendingDrafts = new Map<string, { body: string; version: number }>();

  /**
   * Bumped whenever a unit's text arrives from outside the editor (a landing, a reload, a restore):
   * a units.read that was in flight meanwhile carries older text and must not become the session.
   */
  private readonly diskEpoch = new Map<string, number>();
  private epochOf(unitId: string): number {
    return this.diskEpoch.get(unitId) ?? 0;
  }
  private bumpEpoch(unitId: string): void {
    this.diskEpoch.set(unitId, this.epochOf(unitId) + 1);
  }

  private applyPendingDraft(unitId: string): void {
    const p = this.pendingDrafts.get(unitId);
    if (!p || this.destroyed) return;
    this.pendingDrafts.delete(unitId);
    this.applyDraft(unitId, p.body, p.version);
  }

  private applyDraft(unitId: string, body: string, version: number): void {
    const s = this.current?.id === unitId ? (this.stash(), this.current) : this.sessions.get(unitId);
    if (!s) return;
    const doc = this.editor.schema.nodeFromJSON(markdownToDoc(body));
    const tr = s.state.tr.replaceWith(0, s.state.doc.content.size, doc.content).setMeta(DRAFT_META, true);
    s.version = version;
    s.savedMarkdown = body;
    s.dirty = false;
    if (this.current === s) {
      this.editor.view.dispatch(tr);
      this.stash();
    } else {
      s.state = s.state.apply(tr);
    }
    const counts = this.counter.count(s.state.doc);
    s.savedWriterWords = counts.total - counts.model;
  }

  private newSession(id: string, body: string, version: number): UnitSession {
    const doc = this.editor.schema.nodeFromJSON(markdownToDoc(body));
    const state = EditorState.create({ doc, plugins: this.editor.state.plugins });
    const counts = this.counter.count(doc);
    return {
      id,
      state,
      version,
      savedMarkdown: body,
      savedWriterWords: counts.total - counts.model,
      dirty: false,
      journaled: false,
      readOnly: this.locked.has(id),
      placed: false,
    };
  }

  private stash(): void {
    if (this.current) this.current.state = this.editor.state;
  }

  private recount(): void {
    if (!this.current) return;
    const { total, model } = this.counter.count(this.editor.state.doc);
    this.events.words(this.current.id, total, model);
  }

  private async journal(): Promise<void> {
    const s = this.current;
    if (!s?.dirty) return;
    this.stash();
    s.journaled = true;
    try {
      await this.client.call("units.journal", {
        handle: this.handle,
        id: s.id,
        body: docToMarkdown(s.state.doc.toJSON()),
        baseVersion: s.version,
        client: this.clientId,
      });
    } catch {
      // The journal is a safety net; the real save reports problems.
    }
  }

  private saveCurrent(): Promise<void> {
    this.stash();
    return this.current ? this.save(this.current) : Promise.resolve();
  }

  private save(s: UnitSession): Promise<void> {
    this.saving = this.saving.then(() => this.doSave(s));
    return this.saving;
  }

  private async doSave(s: UnitSession): Promise<void> {
    if (!s.dirty) return;
    if (this.conflicted.has(s.id)) return this.events.saveState("error");
    // user timings, read by bench:editor: main-thread serialisation and the whole save round trip
    performance.mark("quire:save-start");
    const state = s.state;
    const markdown = docToMarkdown(state.doc.toJSON());
    const counts = this.counter.count(state.doc);
    const writerWords = counts.total - counts.model;
    performance.measure("quire:save-serialize", "quire:save-start");
    if (markdown === s.savedMarkdown) {
      s.dirty = s.state !== state;
      // typed back to the saved text: the journal still holds the edits in between; giving it
      // the saved text clears it, so the unit does not count as changed here
      if (s.journaled && !s.dirty) {
        s.journaled = false;
        await this.client.call("units.journal", { handle: this.handle, id: s.id, body: markdown, baseVersion: s.version, client: this.clientId }).catch(() => undefined);
      }
      this.events.saveState("saved");
      return;
    }
    this.events.saveState("saving");
    try {
      const { version, warning } = await this.client.call("units.save", {
        handle: this.handle,
        id: s.id,
        body: markdown,
        baseVersion: s.version,
        writerWordsDelta: writerWords - s.savedWriterWords,
        client: this.clientId,
      });
      this.events.wroteWords(writerWords - s.savedWriterWords);
      if (warning) this.events.warn(warning);
      performance.measure("quire:save", "quire:save-start");
      s.version = version;
      s.savedMarkdown = markdown;
      s.savedWriterWords = writerWords;
      s.journaled = false;
      // edits made while the save was in flight keep the unit dirty
      s.dirty = (this.current === s ? this.editor.state : s.state) !== state;
      this.events.saveState(s.dirty ? "dirty" : "saved");
    } catch (error) {
      if (error instanceof QuireError && error.code === "stale-version") {
        this.conflicted.add(s.id);
        this.events.conflict(s.id);
      }
      this.events.saveState(error instanceof QuireError && error.code === "unavailable" ? "offline" : "error");
    }
  }
}
