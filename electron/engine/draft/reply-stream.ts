/**
 * A reply as it streams, in two small pieces the length control is built on.
 *
 * ReplyFilter: deltas from the model in, changes to the reply's clean text out. It sits first,
 * before anything counts, monitors or shows the text, so a stage that drops a chatty preamble,
 * a repeated heading or thinking tokens (engine/draft/clean-reply.ts) only has to implement it.
 * The default passes every delta through.
 *
 * LiveText: what a listener has been shown of a text, kept in step by deltas, and by a reset
 * (the whole text again) whenever the text changed in any other way than growing at the end: a
 * cut to length, a filter taking text back, a revision. Joining the deltas after the last reset
 * always gives the text exactly.
 */

/** A change to a reply's clean text: more at the end, or the whole text so far replaced. */
export type ReplyChange = { append: string } | { reset: string };

/** Something a filter took out of a reply, for the ledger. */
export interface ReplyStrip {
  /** what it was: "preamble", "repeated-heading", "reasoning", "next-unit"… */
  kind: string;
  /** why, in words */
  reason: string;
  /** what was removed (clipped) */
  text: string;
  /** how many characters were removed */
  chars: number;
}

/** What a finished reply was: prose, or something the engine asks for again. */
export type ReplyKind = "prose" | "refusal" | "list" | "table" | "wrong-language" | "empty";

export interface ReplyClass {
  kind: ReplyKind;
  /** Why, in words. */
  reason: string;
}

export interface ReplyFilter {
  /** One delta from the model; the changes it makes to the clean text (often one append, possibly none). */
  push(delta: string): ReplyChange[];
  /** The call ended with this whole reply; its clean text (what is kept). */
  end(reply: string): string;
  /** What it removed so far (a filter that removes nothing has none). */
  readonly strips?: readonly ReplyStrip[];
  /** Set once generation should stop (another unit began): what follows is not this reply. */
  readonly stop?: { reason: string; line?: string } | null;
  /** After end(): what the reply was (a filter that does not judge says nothing: prose). */
  classify?(): ReplyClass;
}

/** The filter that changes nothing. */
export function passThrough(): ReplyFilter {
  return { push: (delta) => [{ append: delta }], end: (reply) => reply };
}

/** Applies changes to a text. */
export function applyChange(text: string, change: ReplyChange): string {
  return "reset" in change ? change.reset : text + change.append;
}

/** A change to the text a listener shows: `text` appended, or (reset) the whole text. */
export interface TextDelta {
  text: string;
  reset: boolean;
}

export class LiveText {
  private shown = "";
  private started = false;

  constructor(private readonly send: (delta: TextDelta) => void) {}

  /** Shows `text` (trimmed: edges are not content), as a delta when it only grew, else as a reset. */
  show(text: string): void {
    const next = text.trim();
    if (this.started && next.length >= this.shown.length && next.startsWith(this.shown)) {
      if (next.length > this.shown.length) this.send({ text: next.slice(this.shown.length), reset: false });
    } else {
      this.send({ text: next, reset: true });
    }
    this.started = true;
    this.shown = next;
  }

  /** The text as the listener has it. */
  get text(): string {
    return this.shown;
  }
}
