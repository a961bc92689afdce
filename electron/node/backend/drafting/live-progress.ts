/**
 * A run's progress as it happens, not only when a unit finishes: units in flight and the words
 * they hold so far, the tokens the model has streamed, tokens per second, and an ETA from the
 * tokens the words left will cost at that speed. The tokens-per-word ratio is the run's own
 * (every token streamed, checks and revisions included, over the words written), so the ETA is
 * refined as units finish and their checking is paid for. Pure but for the clock it is given.
 */
import { countWords, type CountUnit } from "../../../shared/text/count-words";

export interface LiveProgressSnapshot {
  unitsDone: number;
  unitsTotal: number;
  /** units being written right now */
  unitsDrafting: number;
  /** words in finished units and in the units being written */
  words: number;
  tokens: number;
  tokensPerSecond: number;
  etaSeconds: number | null;
}

/** How long a live unit's word count may be old before it is counted again (counting is per flush, not per token). */
const RECOUNT_MS = 250;
/** The ratio used before the run has written enough to measure its own. */
const DEFAULT_TOKENS_PER_WORD = 1.5;
/** Words before the run's own ratio is trusted. */
const RATIO_AFTER_WORDS = 40;

interface InFlight {
  text: string;
  words: number;
  countedAt: number;
}

export class LiveProgress {
  private readonly targets: Map<string, number>;
  private readonly done = new Map<string, number>();
  private readonly inFlight = new Map<string, InFlight>();
  /** units that failed in this session: left for a later "draft the failed units again", not this run's time */
  private readonly givenUp = new Set<string>();
  private readonly startedAt: number;
  /** tokens streamed in this session (since the run was started or resumed) */
  private sessionTokens = 0;
  /** tokens finished units recorded before this session (a resumed run) */
  private readonly earlierTokens: number;
  /** words written in this session, finished units and units in flight */
  private earlierWords = 0;
  /** the most units that were written at once in this session */
  peak = 0;

  constructor(
    leaves: readonly { id: string; targetWords: number }[],
    finished: ReadonlyMap<string, { words: number; tokens: number }>,
    private readonly countUnit: CountUnit,
    private readonly now: () => number,
    private readonly tokensPerWordHint = DEFAULT_TOKENS_PER_WORD,
  ) {
    this.targets = new Map(leaves.map((l) => [l.id, l.targetWords]));
    for (const [id, f] of finished) this.done.set(id, f.words);
    this.earlierTokens = [...finished.values()].reduce((a, f) => a + f.tokens, 0);
    this.earlierWords = [...finished.values()].reduce((a, f) => a + f.words, 0);
    this.startedAt = now();
  }

  started(unitId: string): void {
    this.givenUp.delete(unitId);
    this.inFlight.set(unitId, { text: "", words: 0, countedAt: this.now() });
    this.peak = Math.max(this.peak, this.inFlight.size);
  }

  /** The unit's text as it streams: appended, or whole again (reset) after a cut or a revision. */
  text(unitId: string, text: string, reset: boolean): void {
    const u = this.inFlight.get(unitId);
    if (!u) return;
    u.text = reset ? text : u.text + text;
  }

  /** Tokens the model streamed (any call of the run: drafting, checks, revisions). */
  tokens(n: number): void {
    this.sessionTokens += n;
  }

  finished(unitId: string, words: number): void {
    this.inFlight.delete(unitId);
    this.done.set(unitId, words);
  }

  /** A unit given up (its retries ran out): its partial text is not the book's, and this run will not write it. */
  failed(unitId: string): void {
    this.inFlight.delete(unitId);
    this.givenUp.add(unitId);
  }

  /** The words each unit in flight holds, as the last snapshot counted them. */
  inFlightWords(): [string, number][] {
    return [...this.inFlight].map(([id, u]) => [id, u.words]);
  }

  snapshot(): LiveProgressSnapshot {
    const now = this.now();
    for (const u of this.inFlight.values()) {
      if (now - u.countedAt >= RECOUNT_MS || u.words === 0) {
        u.words = countWords(u.text, this.countUnit);
        u.countedAt = now;
      }
    }
    const doneWords = [...this.done.values()].reduce((a, w) => a + w, 0);
    const liveWords = [...this.inFlight.values()].reduce((a, u) => a + u.words, 0);
    const words = doneWords + liveWords;
    const elapsed = (now - this.startedAt) / 1000;
    const tokensPerSecond = elapsed > 0 ? this.sessionTokens / elapsed : 0;
    const sessionWords = words - this.earlierWords;
    const ratio = sessionWords >= RATIO_AFTER_WORDS && this.sessionTokens > 0 ? this.sessionTokens / sessionWords : this.tokensPerWordHint;
    // words left: the targets of units not finished, less what the units in flight already hold
    let wordsLeft = 0;
    for (const [id, target] of this.targets) {
      if (this.done.has(id) || this.givenUp.has(id)) continue;
      wordsLeft += Math.max(0, target - (this.inFlight.get(id)?.words ?? 0));
    }
    return {
      unitsDone: this.done.size,
      unitsTotal: this.targets.size,
      unitsDrafting: this.inFlight.size,
      words,
      tokens: this.earlierTokens + this.sessionTokens,
      tokensPerSecond: Math.round(tokensPerSecond * 10) / 10,
      etaSeconds: tokensPerSecond > 0 ? Math.round((wordsLeft * ratio) / tokensPerSecond) : null,
    };
  }
}
