import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const BIN = resolve(__dirname, "../../../bin/quire.mjs");
const quire = (...args: string[]) =>
  run(process.execPath, [BIN, ...args]).then(
    (r) => ({ code: 0, stderr: r.stderr }),
    (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
  );

describe("quire's usage errors", () => {
  it("every command says what is wrong with its command line, shows its usage and exits 2", async () => {
    const cases: [string[], RegExp][] = [
      [["plan"], /^quire plan: BRIEF is required\nusage: quire plan BRIEF/],
      [["plan", "b.md", "--model", "m.gguf", "--no-model"], /--model and --no-model exclude each other/],
      [["draft", "b.md", "--model", "m.gguf", "--out", "o.md", "--strategy", "wild"], /--strategy must be chapters, parallel or sequential, not "wild"\nusage: quire draft/],
      [["draft", "b.md", "--model", "m.gguf", "--out", "o.md", "--parallel", "two"], /--parallel must be a whole number from 1, not "two"/],
      [["eval", "--suite", "s.jsonl"], /^quire eval: --suite and --model are required\nusage: quire eval/],
      [["export", "p", "--out", "x.docx", "--page", "B5"], /--page must be A4 or Letter, not "B5"/],
      [["import", "f.md", "--out", "P", "--split-level", "9"], /--split-level must be a whole number from 1 to 6/],
      [["serve", "--port", "99999"], /--port must be a number from 0 to 65535/],
      [["export", "p", "--colour"], /^quire export: Unknown option '--colour'/],
    ];
    const results = await Promise.all(cases.map(([args]) => quire(...args)));
    results.forEach((r, i) => {
      expect(r.code, cases[i]![0].join(" ")).toBe(2);
      expect(r.stderr).toMatch(cases[i]![1]);
    });
  }, 60_000);
});
