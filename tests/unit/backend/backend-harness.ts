/** The backend the studio talks to, on a fresh folder for each test: what the contract-level backend tests share. */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { createBackend, type Backend } from "../../../electron/node/backend/create-backend";

export interface BackendEnv {
  /** the test's folder: projects/ (the projects folder) and data/ (the app's data) */
  root: string;
  backend: Backend;
}

/** A backend in browser mode on `<tmp>/quire-<name>-…`, made before each test and closed (its folder removed) after. */
export function useBackend(name: string): BackendEnv {
  const env = {} as BackendEnv;
  beforeEach(async () => {
    env.root = mkdtempSync(join(tmpdir(), `quire-${name}-`));
    mkdirSync(join(env.root, "projects"));
    env.backend = await createBackend({
      appDataDir: join(env.root, "data"),
      projectsDir: join(env.root, "projects"),
      shell: "browser",
      startupProject: null,
      catalogPath: join(import.meta.dirname, "../../../models/catalog.json"),
    });
  });
  afterEach(async () => {
    await env.backend.close();
    rmSync(env.root, { recursive: true, force: true });
  });
  return env;
}
