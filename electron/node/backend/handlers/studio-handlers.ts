import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { withLock } from "lifecycle-utils";
import { MAX_DISMISSED_FINDINGS, studioSettings, type StudioSettings } from "../../../shared/contract/studio";
import type { Handlers } from "../dispatcher";
import type { OpenProjects } from "../open-projects";
import { writeFileAtomic } from "../../store/atomic-write";
import { INTERNAL_DIR } from "../../store/project-layout";

type StudioHandlers = Pick<Handlers, "studio.settings" | "studio.dismissFindings">;

/** `.quire/studio.json`: the studio's per-project settings, beside the journal and the trash. */
const STUDIO_FILE = "studio.json";

const EMPTY: StudioSettings = { dismissedFindings: [] };

/** A missing or unreadable file is an empty one: these are the studio's preferences, never the writer's text. */
async function read(dir: string): Promise<StudioSettings> {
  const text = await readFile(join(dir, INTERNAL_DIR, STUDIO_FILE), "utf8").catch(() => null);
  if (text === null) return EMPTY;
  try {
    const parsed = studioSettings.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : EMPTY;
  } catch {
    return EMPTY;
  }
}

export function studioHandlers(open: OpenProjects): StudioHandlers {
  return {
    "studio.settings": async ({ handle }) => read(open.get(handle).dir),
    "studio.dismissFindings": async ({ handle, keys, dismissed }) => {
      const store = open.get(handle);
      // read-modify-write: two quick dismissals must both land
      return withLock([store, STUDIO_FILE], async () => {
        const now = await read(store.dir);
        const drop = new Set(keys);
        const kept = now.dismissedFindings.filter((k) => !drop.has(k));
        const next: StudioSettings = {
          dismissedFindings: (dismissed ? [...kept, ...new Set(keys)] : kept).slice(-MAX_DISMISSED_FINDINGS),
        };
        await writeFileAtomic(join(store.dir, INTERNAL_DIR, STUDIO_FILE), `${JSON.stringify(next, null, 2)}\n`);
        return next;
      });
    },
  };
}
