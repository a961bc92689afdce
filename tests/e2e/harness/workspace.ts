import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A throwaway home for one e2e test: app data, projects folder. */
export function makeWorkspace(name: string) {
  const root = mkdtempSync(join(tmpdir(), `quire-e2e-${name}-`));
  const dataDir = join(root, "data");
  const projectsDir = join(root, "projects");
  mkdirSync(dataDir);
  mkdirSync(projectsDir);
  return {
    root,
    dataDir,
    projectsDir,
    projectDir(): string {
      const found = readdirSync(projectsDir).find((n) => n.endsWith(".quire"));
      if (!found) throw new Error("no project folder yet");
      return join(projectsDir, found);
    },
    /** all manuscript files' text, concatenated */
    manuscriptText(): string {
      const dir = join(this.projectDir(), "manuscript");
      return readdirSync(dir)
        .filter((n) => n.endsWith(".md"))
        .map((n) => readFileSync(join(dir, n), "utf8"))
        .join("\n");
    },
    cleanup(): void {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
