/**
 * Where the writer left each unit: the caret (or selection) and how far the page was scrolled,
 * kept per project in this browser profile (desktop window), so opening a unit, today or after
 * a reload, puts them back where they were rather than at the top. Positions are ProseMirror
 * offsets; a unit whose text changed meanwhile gets the nearest valid place (see clampSpot).
 *
 * Writes are cheap but not free: the editor reports moves as they happen, and they reach
 * storage at most every half second, and at once when the page hides or the unit changes.
 */

export interface CaretSpot {
  /** selection anchor and head, as document offsets */
  from: number;
  to: number;
  /** the page's scrollTop, in CSS pixels */
  scroll: number;
}

interface Stored extends CaretSpot {
  /** when it was last touched (ms), to keep the most recent when the cap is reached */
  at: number;
}

/** A project remembers this many units; the least recently touched go first. */
export const MAX_REMEMBERED_UNITS = 1000;
const WRITE_DELAY_MS = 500;

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const storageKey = (project: string) => `quire-caret:${project}`;

function isSpot(v: unknown): v is Stored {
  if (!v || typeof v !== "object") return false;
  const s = v as Record<string, unknown>;
  return [s.from, s.to, s.scroll, s.at].every((n) => typeof n === "number" && Number.isFinite(n) && n >= 0);
}

export class CaretMemory {
  private spots = new Map<string, Stored>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly project: string,
    private readonly storage: KeyValueStore | null = typeof localStorage === "object" ? localStorage : null,
  ) {
    try {
      const raw = this.storage?.getItem(storageKey(project));
      const parsed = raw ? (JSON.parse(raw) as unknown) : null;
      if (parsed && typeof parsed === "object")
        for (const [id, spot] of Object.entries(parsed as Record<string, unknown>)) if (isSpot(spot)) this.spots.set(id, spot);
    } catch {
      // unreadable memory only costs the places
    }
  }

  get(unitId: string): CaretSpot | null {
    const s = this.spots.get(unitId);
    return s ? { from: s.from, to: s.to, scroll: s.scroll } : null;
  }

  /** Notes where the writer is in a unit; reaches storage shortly (or at once with `now`). */
  remember(unitId: string, spot: CaretSpot, now = false): void {
    const clean = { from: Math.max(0, Math.round(spot.from)), to: Math.max(0, Math.round(spot.to)), scroll: Math.max(0, Math.round(spot.scroll)) };
    // re-inserted, so the map's order is the order of use and the cap drops the oldest
    this.spots.delete(unitId);
    this.spots.set(unitId, { ...clean, at: Date.now() });
    while (this.spots.size > MAX_REMEMBERED_UNITS) this.spots.delete(this.spots.keys().next().value!);
    if (now) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS);
  }

  forget(unitId: string): void {
    if (this.spots.delete(unitId)) this.timer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      this.storage?.setItem(storageKey(this.project), JSON.stringify(Object.fromEntries(this.spots)));
    } catch {
      // a full or disabled storage only costs the places
    }
  }
}

/** A remembered selection held inside a document of `size` (its content size): never past the end. */
export function clampSpot(spot: CaretSpot, size: number): { from: number; to: number } {
  const clamp = (n: number) => Math.min(Math.max(0, n), size);
  return { from: clamp(spot.from), to: clamp(spot.to) };
}
