/**
 * Text that streams to the studio goes out a few events a second, not one per token: deltas are
 * gathered, a reset replaces what was gathered, and a send happens when enough time has passed
 * (and on flush, when the text is final).
 */
import type { TextDelta } from "../../../engine/index";

export class TextBatcher {
  private text = "";
  private reset = false;
  private sentAt = 0;

  constructor(
    private readonly everyMs: number,
    private readonly send: (text: string, reset: boolean) => void,
  ) {}

  push(d: TextDelta): void {
    if (d.reset) {
      this.text = d.text;
      this.reset = true;
    } else this.text += d.text;
    if (Date.now() - this.sentAt >= this.everyMs) this.flush();
  }

  flush(): void {
    if (!this.text && !this.reset) return;
    this.send(this.text, this.reset);
    this.text = "";
    this.reset = false;
    this.sentAt = Date.now();
  }
}
