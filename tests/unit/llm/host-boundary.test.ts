/**
 * A file's folder says which process it runs in: node/llm/host/ holds what runs inside the model
 * host process (llama.cpp, the runtime, the pool), and only there is node-llama-cpp's runtime
 * used among the LLM files. The studio side reaches the host through the protocol and the client;
 * the one import into host/ from outside is the CLI's in-process machine probe (getSystemReport).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

const imports = (file: string) => [...readFileSync(file, "utf8").matchAll(/(?:from\s+|import\(\s*)["']([^"']+)["']/g)].map((m) => m[1]!);
const rel = (f: string) => relative(root, f).split("\\").join("/");

describe("the model host's files", () => {
  const llm = files(join(root, "electron/node/llm"));

  it("only files under node/llm/host import node-llama-cpp", () => {
    const outside = llm.filter((f) => !rel(f).startsWith("electron/node/llm/host/") && imports(f).includes("node-llama-cpp"));
    expect(outside.map(rel)).toEqual([]);
    expect(llm.filter((f) => imports(f).includes("node-llama-cpp")).length).toBeGreaterThan(0);
  });

  it("nothing outside host/ imports a host file, but the CLI's in-process probe", () => {
    const reaching = files(join(root, "electron"))
      .filter((f) => !rel(f).startsWith("electron/node/llm/host/"))
      .flatMap((f) => imports(f).filter((spec) => /(?:^|\/)host\/[\w-]+$/.test(spec) && spec.startsWith(".")).map((spec) => `${rel(f)} -> ${spec}`));
    expect(reaching).toEqual(["electron/node/llm/index.ts -> ./host/system-report"]);
  });
});
