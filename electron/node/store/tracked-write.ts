/**
 * The store's one way to write a file it watches (a unit, a bible entry, quire.json): the hash of
 * the new content is recorded before the write, so a watcher check running during the write
 * already sees the new file as ours, not as an outside edit; if the write fails the old hash
 * comes back. The write itself is atomic (see atomic-write).
 */
import { writeFileAtomic } from "./atomic-write";
import { sha256 } from "./ids";

/** Whatever remembers the hash of a file as the store last read or wrote it. */
export interface HashTracker {
  hash: string;
}

export async function writeTracked(tracker: HashTracker, path: string, text: string): Promise<void> {
  const previous = tracker.hash;
  tracker.hash = sha256(text);
  try {
    await writeFileAtomic(path, text);
  } catch (e) {
    tracker.hash = previous;
    throw e;
  }
}
