import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Imports flow one way: shared ← engine ← node ← main, server, cli; renderer → shared.
 * The per-layer tsconfigs stop forbidden globals; this stops forbidden imports. Inside the
 * engine the folders are ranked (base at the bottom, importing nothing else of the engine) and
 * no import may point up or close a cycle; outside it, only engine/index.ts is imported, from
 * every layer and from scripts/ and tests/bench/ (tests/unit may reach inside).
 */
const root = join(import.meta.dirname, "../..");
const relOf = (file: string) => relative(root, file).split("\\").join("/");

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
  for (const m of text.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)|^import\s+["']([^"']+)["']/gm)) {
    specs.push((m[1] ?? m[2] ?? m[3])!);
  }
  return specs;
}

/** The file a relative import names (repo-relative, forward slashes), or null for a package. */
function resolveImport(fromRel: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = relOf(join(root, dirname(fromRel), spec));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    if (existsSync(join(root, candidate)) && statSync(join(root, candidate)).isFile()) return candidate;
  }
  return base;
}

const layerOf = (rel: string): string | null => {
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

/** The engine's folders from the bottom up: a file imports only its own folder and those below. */
const ENGINE_RANK: Record<string, number> = { base: 0, text: 1, units: 2, brief: 3, plan: 4, monitors: 5, draft: 6, review: 7, run: 8, eval: 9, "": 10 };
const ENGINE_DOOR = "electron/engine/index.ts";
const engineFolder = (rel: string) => (rel.startsWith("electron/engine/") ? (/^electron\/engine\/([^/]+)\//.exec(rel)?.[1] ?? "") : null);

/** Who imports what: repo-relative file → the files (or packages) it imports. */
type Graph = Map<string, { spec: string; target: string | null }[]>;

function buildGraph(files: string[]): Graph {
  return new Map(files.map((f) => {
    const rel = relOf(f);
    return [rel, importsOf(f).map((spec) => ({ spec, target: resolveImport(rel, spec) }))];
  }));
}

function layerViolations(graph: Graph): string[] {
  const out: string[] = [];
  for (const [file, imports] of graph) {
    const layer = layerOf(file);
    if (!layer) continue;
    for (const { spec, target } of imports) {
      if (target) {
        const to = layerOf(target);
        if (to && !allowedLayers[layer]!.includes(to)) out.push(`${file} (${layer}) imports ${spec} (${to})`);
      } else if (forbiddenPackages[layer]?.test(spec)) out.push(`${file} (${layer}) imports package ${spec}`);
    }
  }
  return out;
}

/** Outside the engine (every layer, scripts/, tests/bench/), an import into it must be its door. */
function deepEngineImports(graph: Graph): string[] {
  const out: string[] = [];
  for (const [file, imports] of graph) {
    if (file.startsWith("electron/engine/") || file.startsWith("tests/unit/") || file.startsWith("tests/model/") || file.startsWith("tests/e2e/")) continue;
    for (const { spec, target } of imports) {
      if (target?.startsWith("electron/engine/") && target !== ENGINE_DOOR) out.push(`${file} imports ${spec}: outside the engine, import electron/engine/index.ts`);
    }
  }
  return out;
}

function upwardEngineImports(graph: Graph): string[] {
  const out: string[] = [];
  for (const [file, imports] of graph) {
    const from = engineFolder(file);
    if (from === null) continue;
    for (const { spec, target } of imports) {
      const to = target ? engineFolder(target) : null;
      if (to === null || to === from) continue;
      const fromRank = ENGINE_RANK[from];
      const toRank = ENGINE_RANK[to];
      if (fromRank === undefined || toRank === undefined) out.push(`${file}: engine folder "${fromRank === undefined ? from : to}" has no rank (add it to ENGINE_RANK)`);
      else if (toRank > fromRank) out.push(`${file} (${from}) imports ${spec} (${to}), a folder above it`);
    }
  }
  return out;
}

/** Import cycles among the engine's files (Tarjan's strongly connected components). */
function engineCycles(graph: Graph): string[][] {
  const nodes = [...graph.keys()].filter((f) => f.startsWith("electron/engine/"));
  const edges = (f: string) => (graph.get(f) ?? []).map((i) => i.target).filter((t): t is string => !!t && graph.has(t) && t.startsWith("electron/engine/"));
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || edges(v).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of nodes) if (!idx.has(v)) visit(v);
  return out;
}

describe("layering", () => {
  const files = [...sourceFiles(join(root, "electron")), ...sourceFiles(join(root, "renderer"))].filter((f) => !f.endsWith(".config.ts"));
  const graph = buildGraph([...files, ...sourceFiles(join(root, "scripts")), ...sourceFiles(join(root, "tests/bench"))]);

  it("finds the source tree", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(graph.has(ENGINE_DOOR)).toBe(true);
  });

  it("every import stays within the layers below it", () => {
    expect(layerViolations(graph)).toEqual([]);
  });

  it("outside the engine, only engine/index.ts is imported (every layer, scripts/ and tests/bench/)", () => {
    expect(deepEngineImports(graph)).toEqual([]);
  });

  it("inside the engine, no import points to a folder above it, and engine/base imports nothing else of the engine", () => {
    expect(upwardEngineImports(graph)).toEqual([]);
  });

  it("the engine has no import cycle", () => {
    expect(engineCycles(graph)).toEqual([]);
  });

  it("the renderer's editor imports nothing filed among the drafting screens", () => {
    const bad = [...graph].flatMap(([file, imports]) =>
      file.startsWith("renderer/src/editor/") ? imports.filter((i) => i.target?.startsWith("renderer/src/drafting/")).map((i) => `${file} imports ${i.spec}`) : [],
    );
    expect(bad).toEqual([]);
  });

  it("no file outside tests/ imports a fault injector or reads a test-fault switch", () => {
    const production = [...files, ...sourceFiles(join(root, "scripts")), ...sourceFiles(join(root, "bin"))];
    const offenders = production.filter((f) => importsOf(f).some((spec) => /fault/i.test(spec)) || /QUIRE_TEST_FAULTS/.test(readFileSync(f, "utf8")));
    expect(offenders.map(relOf)).toEqual([]);
    // and the injector is where tests find it
    expect(importsOf(join(root, "tests/e2e/harness/serve-for-tests.ts"))).toContain("./fault-llm");
  });

  describe("the checker itself", () => {
    const fake = (edges: Record<string, string[]>): Graph =>
      new Map(Object.entries(edges).map(([f, specs]) => [f, specs.map((spec) => ({ spec, target: resolveImport(f, spec) }))]));

    it("catches a layer violation", () => {
      expect(layerOf("renderer/x.ts")).toBe("renderer");
      expect(layerViolations(fake({ "renderer/x.ts": ["../electron/node/store/project-store"] }))).toHaveLength(1);
      expect(forbiddenPackages.engine!.test("node:fs")).toBe(true);
    });

    it("refuses a deep import into the engine from any layer it scans, and lets the door and tests/unit through", () => {
      const deep = fake({
        "electron/node/backend/x.ts": ["../../engine/run/runner"],
        "electron/cli/commands/x.ts": ["../../engine/plan/build-plan"],
        "electron/main/x.ts": ["../engine/brief/parse-brief"],
        "electron/server/x.ts": ["../engine/draft/write-to-length"],
        "scripts/device/x.ts": ["../../electron/engine/base/ledger"],
        "tests/bench/x.ts": ["../../electron/engine/run/memory-run-store"],
        "tests/unit/engine/x.ts": ["../../../electron/engine/run/runner"],
        "electron/node/y.ts": ["../engine/index", "../engine"],
      });
      expect(deepEngineImports(deep).map((v) => v.split(" ")[0])).toEqual([
        "electron/node/backend/x.ts", "electron/cli/commands/x.ts", "electron/main/x.ts", "electron/server/x.ts", "scripts/device/x.ts", "tests/bench/x.ts",
      ]);
    });

    it("refuses an upward import inside the engine, and anything base imports from the engine", () => {
      const up = fake({
        "electron/engine/brief/x.ts": ["../draft/write-to-length"],
        "electron/engine/base/x.ts": ["../text/boundaries"],
        "electron/engine/run/x.ts": ["../plan/types", "./draft-unit"],
      });
      expect(upwardEngineImports(up).map((v) => v.split(" ")[0])).toEqual(["electron/engine/brief/x.ts", "electron/engine/base/x.ts"]);
    });

    it("finds a cycle inside the engine, type-only imports included", () => {
      const cyc = fake({
        "electron/engine/monitors/consistency.ts": ["./timeline"],
        "electron/engine/monitors/timeline.ts": ["./consistency"],
        "electron/engine/monitors/types.ts": [],
      });
      expect(engineCycles(cyc)).toEqual([["electron/engine/monitors/consistency.ts", "electron/engine/monitors/timeline.ts"]]);
    });
  });
});
