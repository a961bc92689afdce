/**
 * The check's report: one JSON object, rewritten to disk after every step so a crash or a timeout
 * still leaves what was measured, and the step runner that keeps to the deadline.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export type Json = Record<string, unknown>;

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
};
export const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;
export const errorText = (err: unknown): string => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));
export const log = (msg: string) => process.stderr.write(`[cuda-check ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

export class Report {
  readonly result: Json;
  readonly problems: string[] = [];

  constructor(
    private readonly outFile: string,
    private readonly deadline: number,
    head: Json,
  ) {
    this.result = { ...head, ok: false, problems: this.problems };
    mkdirSync(dirname(outFile), { recursive: true });
  }

  /** Seconds left before the deadline. */
  left(): number {
    return (this.deadline - Date.now()) / 1000;
  }

  save(): void {
    writeFileSync(this.outFile, `${JSON.stringify(this.result, null, 2)}\n`);
  }

  /** Partial results of a step in progress (saved at once), kept if the step then fails. */
  partial(name: string, value: Json): void {
    this.result[name] = value;
    this.save();
  }

  /**
   * Runs one step: skipped (and said so) when fewer than `minSeconds` are left; its result, or
   * its error beside what it had already saved, goes into the report under `name`.
   */
  async step(name: string, minSeconds: number, fn: () => Promise<Json>): Promise<void> {
    if (this.left() < minSeconds) {
      this.result[name] = { skipped: `only ${Math.round(this.left())} s left before the deadline (needs ~${minSeconds} s)` };
      this.problems.push(`${name}: skipped (deadline)`);
      log(`${name}: SKIPPED, ${Math.round(this.left())} s left`);
      this.save();
      return;
    }
    const t = performance.now();
    log(`${name}: start (${Math.round(this.left())} s left)`);
    try {
      const value = await fn();
      this.result[name] = { ...value, seconds: round((performance.now() - t) / 1000, 2) };
      log(`${name}: done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    } catch (err) {
      this.result[name] = { ...((this.result[name] as Json | undefined) ?? {}), error: errorText(err), seconds: round((performance.now() - t) / 1000, 2) };
      this.problems.push(`${name}: ${errorText(err)}`);
      log(`${name}: FAILED: ${errorText(err)}`);
    }
    this.save();
  }
}
