import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

/** Writes bench-results/<name>.json with the machine it ran on. */
export function writeBenchResult(name: string, result: Record<string, unknown>): string {
  const dir = join(import.meta.dirname, "../../bench-results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const machine = { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? "unknown", memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  writeFileSync(file, JSON.stringify({ benchmark: name, date: new Date().toISOString(), machine, ...result }, null, 2) + "\n");
  return file;
}
