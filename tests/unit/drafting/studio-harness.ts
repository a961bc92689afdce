/**
 * What the drafting service's tests share: a brief as the form writes it, a project with the
 * studio's drafting service on it and a model of the test's choosing, the events it sends, and
 * the wait for its run to stop.
 */
import type { BriefForm } from "../../../electron/shared/contract/drafting";
import { QuireError } from "../../../electron/shared/contract/errors";
import type { LlmPort } from "../../../electron/shared/llm/llm-port";
import { DraftingService } from "../../../electron/node/backend/drafting/drafting-service";
import type { ModelProvider } from "../../../electron/node/backend/drafting/model-provider";
import { ProjectStore } from "../../../electron/node/store/project-store";

/** "Harbour": four chapters, 1,200 words, nothing required unless the test adds it. */
export function harbourForm(over: Partial<BriefForm> = {}): BriefForm {
  return {
    title: "Harbour",
    kind: "novel",
    language: "en",
    premise: "A harbour town in winter.",
    instructions: "",
    length: { total: 1200, unit: "words", tolerance: 0.1 },
    structure: [{ name: "Chapter", count: 4 }],
    calendar: null,
    requirements: [],
    style: { pov: "", tense: "", tone: "", audience: "", voiceSample: "", avoid: [] },
    ...over,
  };
}

export type StudioEvent = { name: string; payload: Record<string, unknown> };

/** The drafting services' model: this port, or none at all (a studio with no model loaded). */
export function modelOf(llm: LlmPort | null): ModelProvider {
  if (!llm) return { available: () => false, get: async () => { throw new QuireError("unavailable", "No model is loaded."); }, info: async () => null, dispose: async () => {} };
  return { available: () => true, get: async () => llm, info: () => llm.info(), dispose: async () => {} };
}

export async function newProject(dir: string, title = "Harbour"): Promise<ProjectStore> {
  return ProjectStore.create(dir, { title, language: "en", levels: ["Chapter"] }, { watch: false, app: "test" });
}

/** The drafting service on `store` with `llm`; every event it sends is kept (and handed to `onEvent`). */
export function studioOn(store: ProjectStore, llm: LlmPort | null, onEvent?: (e: StudioEvent, service: DraftingService) => void) {
  const events: StudioEvent[] = [];
  const service: DraftingService = new DraftingService("h", store, modelOf(llm), (name, payload) => {
    const e = { name, payload };
    events.push(e);
    onEvent?.(e, service);
  });
  return { service, events };
}

const STOPPED = ["done", "failed", "cancelled", "paused", "finished-with-failures"];

/** Resolves with the run's status once it stops (an event after `from` says so). */
export function runStopped(events: StudioEvent[], from = 0): Promise<string> {
  return new Promise<string>((resolve) => {
    const t = setInterval(() => {
      const last = events.slice(from).filter((e) => e.name === "run.changed").at(-1)?.payload.run as { status: string } | undefined;
      if (last && STOPPED.includes(last.status)) {
        clearInterval(t);
        resolve(last.status);
      }
    }, 10);
  });
}
