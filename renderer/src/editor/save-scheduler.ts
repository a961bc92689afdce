/**
 * Decides when to write: the journal about once a second while there are unsaved edits
 * (so a crash loses at most a second), the real save after a pause in typing.
 */
export class SaveScheduler {
  private journalTimer: ReturnType<typeof setTimeout> | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly writeJournal: () => void,
    private readonly save: () => void,
    private readonly journalEveryMs = 1000,
    private readonly saveAfterIdleMs = 2000,
  ) {}

  changed(): void {
    this.journalTimer ??= setTimeout(() => {
      this.journalTimer = null;
      this.writeJournal();
    }, this.journalEveryMs);
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.save();
    }, this.saveAfterIdleMs);
  }

  cancel(): void {
    if (this.journalTimer) clearTimeout(this.journalTimer);
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.journalTimer = this.saveTimer = null;
  }
}
