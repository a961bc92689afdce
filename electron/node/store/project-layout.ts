/** Where things live inside `Title.quire/`. One place, so every module agrees. */
import { join } from "node:path";

export const QUIRE_JSON = "quire.json";
export const MANUSCRIPT_DIR = "manuscript";
export const BIBLE_DIR = "bible";
export const BRIEF_FILE = "brief.md";
export const PLAN_FILE = "plan.json";
export const RUNS_DIR = "runs";
export const PROPOSALS_DIR = "proposals";
export const SNAPSHOTS_DIR = "snapshots";
export const INTERNAL_DIR = ".quire";
export const JOURNAL_DIR = ".quire/journal";
export const TRASH_DIR = ".quire/trash";
export const LOCK_FILE = ".quire/lock";
export const PROJECT_EXTENSION = ".quire";

export const PROJECT_DIRS = [MANUSCRIPT_DIR, BIBLE_DIR, RUNS_DIR, PROPOSALS_DIR, SNAPSHOTS_DIR, JOURNAL_DIR, TRASH_DIR];

/** Relative paths use forward slashes in messages and problems, whatever the platform. */
export function rel(...parts: string[]): string {
  return parts.join("/");
}

export function abs(projectDir: string, relPath: string): string {
  return join(projectDir, ...relPath.split("/"));
}

export const UNIT_ID_PREFIX = "u";
export const BIBLE_ID_PREFIX = "b";
