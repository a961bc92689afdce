/**
 * Notices that files in the project folders may have changed. fs.watch is only a hint (it
 * coalesces, drops events on some filesystems, reports our own writes too), so this just says
 * "look again" after a short quiet period; the store then compares content hashes to decide
 * what really changed. An optional poll covers filesystems where fs.watch says nothing.
 */
import { watch, type FSWatcher } from "node:fs";

export interface FolderWatcherOptions {
  /** quiet period before reporting, so a burst of events (an editor's save dance) is one check */
  debounceMs?: number;
  /** also check every pollMs; 0 to rely on fs.watch alone */
  pollMs?: number;
  onError?: (e: unknown) => void;
}

export class FolderWatcher {
  private readonly watchers: FSWatcher[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;
  private closed = false;

  constructor(
    private readonly folders: string[],
    private readonly onChange: () => void,
    private readonly options: FolderWatcherOptions = {},
  ) {}

  start(): void {
    for (const folder of this.folders) {
      try {
        const w = watch(folder, { persistent: false }, () => this.kick());
        w.on("error", (e) => {
          this.options.onError?.(e);
          this.kick();
        });
        this.watchers.push(w);
      } catch (e) {
        this.options.onError?.(e);
      }
    }
    const pollMs = this.options.pollMs ?? 0;
    if (pollMs > 0) {
      this.poll = setInterval(() => this.kick(), pollMs);
      this.poll.unref?.();
    }
  }

  /** Schedules a check after the quiet period. */
  kick(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.closed) this.onChange();
    }, this.options.debounceMs ?? 150);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.poll) clearInterval(this.poll);
    for (const w of this.watchers.splice(0)) w.close();
  }
}
