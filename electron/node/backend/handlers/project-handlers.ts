import { QuireError } from "../../../shared/contract/errors";
import type { Handlers } from "../dispatcher";
import type { OpenProjects } from "../open-projects";
import type { ProjectRegistry } from "../project-registry";
import { storeCall } from "../store-errors";
import { ProjectStore } from "../../store/project-store";
import type { ProjectState } from "../../../shared/contract/projects";

type ProjectHandlers = Pick<
  Handlers,
  "projects.list" | "projects.create" | "projects.open" | "projects.wordCounts" | "projects.close" | "projects.updateMeta" | "projects.resolveRecovery"
>;

export function projectHandlers(deps: { registry: ProjectRegistry; open: OpenProjects; projectsDir: string }): ProjectHandlers {
  const { registry, open, projectsDir } = deps;
  return {
    "projects.list": async () => ({
      recent: registry.list().map((r) => ({ handle: r.handle, title: r.title, location: r.path, openedAt: r.openedAt })),
      defaultLocation: projectsDir,
    }),

    "projects.create": async (input) => {
      const store = await storeCall(() =>
        ProjectStore.create(projectsDir, {
          title: input.title,
          author: input.author,
          language: input.language,
          levels: input.levels,
        }),
      );
      if (input.targetWords) await storeCall(() => store.updateMeta({ targetWords: input.targetWords ?? null }));
      const dir = store.dir;
      await store.close();
      const handle = registry.register(dir);
      await registry.touch(dir, input.title);
      return { handle, title: input.title, location: dir, openedAt: new Date().toISOString() };
    },

    "projects.open": async ({ handle }): Promise<ProjectState> => {
      const store = await open.open(handle);
      return {
        handle,
        location: store.dir,
        meta: store.meta(),
        units: store.units(),
        problems: store.problems(),
        recovery: store.pendingRecovery().map(({ unitId, client, title, journalBody, diskBody, savedAt }) => ({
          unitId,
          ...(client !== null ? { client } : {}),
          title,
          journalBody,
          diskBody,
          savedAt,
        })),
      };
    },

    "projects.wordCounts": async ({ handle }) => {
      const store = open.get(handle);
      const words: Record<string, number> = {};
      // a unit at a time, letting the calls that come meanwhile (the open unit's text) through
      for (const { id } of store.units()) {
        const n = store.unitWordCount(id);
        if (n !== null) words[id] = n;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return { words };
    },

    "projects.close": async ({ handle }) => {
      await open.close(handle);
      return {};
    },

    "projects.updateMeta": async ({ handle, patch }) => storeCall(() => open.get(handle).updateMeta(patch)),

    "projects.resolveRecovery": async ({ handle, unitId, client, action }) => {
      const store = open.get(handle);
      // one entry per unit and client: each tab's recovered text is restored or declined on its own
      const who = client ?? null;
      if (!store.pendingRecovery().some((r) => r.unitId === unitId && r.client === who)) {
        throw new QuireError("not-found", "There are no recovered edits for that unit any more.");
      }
      if (action === "discard") {
        await storeCall(() => store.discardRecovery(unitId, who));
        return { version: null };
      }
      const { version } = await storeCall(() => store.applyRecovery(unitId, who));
      return { version };
    },
  };
}
