/**
 * Live tokens per second across every generation running on the model, reported at most twice
 * a second and once more as 0 when generation stops: a small delta, never the whole state.
 */
export class ThroughputMeter {
  private stamps: number[] = [];
  private timer: ReturnType<typeof setInterval> | null = null;
  private last = -1;

  constructor(
    private readonly report: (tokensPerSecond: number) => void,
    private readonly windowMs = 2000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  token(): void {
    this.stamps.push(this.now());
    this.timer ??= setInterval(() => this.tick(), 500);
  }

  rate(): number {
    const cutoff = this.now() - this.windowMs;
    while (this.stamps.length && this.stamps[0]! < cutoff) this.stamps.shift();
    return Math.round((this.stamps.length * 1000) / this.windowMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    const r = this.rate();
    if (r !== this.last) this.report(r);
    this.last = r;
    if (r === 0) this.stop();
  }
}
