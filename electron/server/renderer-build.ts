import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const rendererOutDir = join(repoRoot, "out", "renderer");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Browser mode needs the built renderer; build it on first use or when its sources changed. */
export async function ensureRendererBuilt(log: (line: string) => void): Promise<string> {
  const index = join(rendererOutDir, "index.html");
  const sources = Math.max(newestMtime(join(repoRoot, "renderer")), newestMtime(join(repoRoot, "electron", "shared")));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return rendererOutDir;
  log("Building the studio (first run or sources changed)…");
  const { build } = await import("vite");
  await build({ configFile: join(repoRoot, "vite.renderer.config.ts"), logLevel: "warn" });
  return rendererOutDir;
}
