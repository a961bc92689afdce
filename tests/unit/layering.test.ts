import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Imports flow one way: shared ← engine ← node ← main, server, cli; renderer → shared.
 * The per-layer tsconfigs stop forbidden globals; this stops forbidden imports.
 */
const root = join(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mjs|js)$/.test(name)) out.push(full);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)) {
    specs.push((m[1] ?? m[2])!);
  }
  return specs;
}

const layerOf = (file: string): string | null => {
  const rel = relative(root, file).split("\\").join("/");
  const m = /^(electron\/(shared|engine|node|main|preload|server|cli)|renderer)\//.exec(rel);
  return m ? (m[2] ?? "renderer") : null;
};

const allowedLayers: Record<string, string[]> = {
  shared: ["shared"],
  engine: ["shared", "engine"],
  node: ["shared", "engine", "node"],
  server: ["shared", "engine", "node", "server"],
  cli: ["shared", "engine", "node", "server", "cli"],
  main: ["shared", "engine", "node", "main"],
  preload: ["preload"],
  renderer: ["shared", "renderer"],
};

const forbiddenPackages: Record<string, RegExp> = {
  shared: /^(node:|electron$|node-llama-cpp|react|fs$|path$|os$|child_process$)/,
  engine: /^(node:|electron$|node-llama-cpp|react|fs$|path$|os$|child_process$)/,
  node: /^electron$/,
  server: /^electron$/,
  cli: /^electron$/,
  renderer: /^(node:|electron$|node-llama-cpp|fs$|path$|os$|child_process$|ws$)/,
  preload: /^(node:|node-llama-cpp)/,
};

describe("layering", () => {
  const files = [...sourceFiles(join(root, "electron")), ...sourceFiles(join(root, "renderer"))].filter(
    (f) => !f.endsWith(".config.ts"),
  );

  it("finds the source tree", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it("every import stays within the layers below it", () => {
    const violations: string[] = [];
    for (const file of files) {
      const layer = layerOf(file);
      if (!layer) continue;
      for (const spec of importsOf(file)) {
        if (spec.startsWith(".")) {
          const target = layerOf(join(file, "..", spec));
          if (target && !allowedLayers[layer]!.includes(target)) {
            violations.push(`${relative(root, file)} (${layer}) imports ${spec} (${target})`);
          }
        } else if (forbiddenPackages[layer]?.test(spec)) {
          violations.push(`${relative(root, file)} (${layer}) imports package ${spec}`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it("no file outside tests/ imports a fault injector or reads a test-fault switch", () => {
    const production = [...files, ...sourceFiles(join(root, "scripts")), ...sourceFiles(join(root, "bin"))];
    const offenders = production.filter((f) => importsOf(f).some((spec) => /fault/i.test(spec)) || /QUIRE_TEST_FAULTS/.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
    // and the injector is where tests find it
    expect(importsOf(join(root, "tests/e2e/harness/serve-for-tests.ts"))).toContain("./fault-llm");
  });

  it("the checker itself catches a violation", () => {
    const fake = join(root, "renderer", "x.ts");
    expect(layerOf(fake)).toBe("renderer");
    expect(allowedLayers.renderer!.includes(layerOf(join(root, "electron/node/store/a.ts"))!)).toBe(false);
    expect(forbiddenPackages.engine!.test("node:fs")).toBe(true);
  });
});
