import { QuireError } from "../../shared/contract/errors";
import type { EventName } from "../../shared/contract/index";
import { ProjectStore, type StoreEvent } from "../store/project-store";
import { toQuireError } from "./store-errors";
import type { ProjectRegistry } from "./project-registry";

/** The projects this backend has open, by handle; forwards each store's events to the transports. */
export class OpenProjects {
  private readonly stores = new Map<string, ProjectStore>();

  constructor(
    private readonly registry: ProjectRegistry,
    private readonly emit: (name: EventName, payload: unknown) => void,
    private readonly app: "desktop" | "browser",
  ) {}

  async open(handle: string): Promise<ProjectStore> {
    const existing = this.stores.get(handle);
    if (existing) return existing;
    const path = this.registry.pathOf(handle);
    let store: ProjectStore;
    try {
      store = await ProjectStore.open(path, { app: this.app });
    } catch (error) {
      throw toQuireError(error);
    }
    this.stores.set(handle, store);
    store.onEvent((e) => this.forward(handle, store, e));
    await this.registry.touch(path, store.meta().title);
    return store;
  }

  get(handle: string): ProjectStore {
    const store = this.stores.get(handle);
    if (!store) throw new QuireError("not-found", "That project is not open.");
    return store;
  }

  private readonly closing = new Set<(handle: string) => Promise<void>>();

  /** Work bound to a project (its drafting run) finishes in here before the store closes and its lock goes. */
  beforeClose(hook: (handle: string) => Promise<void>): void {
    this.closing.add(hook);
  }

  async close(handle: string): Promise<void> {
    const store = this.stores.get(handle);
    if (!store) return;
    // the run pauses and its last writes land while the project is still open and locked
    for (const hook of this.closing) await hook(handle).catch((error: unknown) => this.reportUnsent(handle, "run.changed", error));
    this.stores.delete(handle);
    await store.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.stores.keys()].map((h) => this.close(h)));
  }

  /**
   * Passes a store event on. Sending can fail (the contract refuses a payload, a transport is
   * gone); the failure is reported as a problem of the project and never thrown back into the
   * store, nor left as a rejected promise, which would end the process.
   */
  private forward(handle: string, store: ProjectStore, e: StoreEvent): void {
    const send = (name: EventName, payload: () => unknown | Promise<unknown>) =>
      void Promise.resolve()
        .then(payload)
        .then((p) => this.emit(name, p))
        .catch((error: unknown) => this.reportUnsent(handle, name, error));
    switch (e.type) {
      case "unit-changed-on-disk":
        send("unit.reloaded", async () => {
          const { body, version } = await store.readUnitWithVersion(e.id);
          return { handle, id: e.id, body, version };
        });
        break;
      case "conflict":
        send("unit.conflict", async () => {
          const { body, version } = await store.readUnitWithVersion(e.id);
          return { handle, id: e.id, diskBody: body, version };
        });
        break;
      case "unit-removed-on-disk":
        send("unit.removedOnDisk", () => ({ handle, id: e.id }));
        break;
      case "unit-added-on-disk":
      case "units-changed":
        send("units.changed", () => ({ handle, units: store.units() }));
        break;
      case "meta-changed-on-disk":
        send("project.metaChanged", () => ({ handle, meta: store.meta() }));
        break;
      case "problem":
        send("project.problem", () => ({ handle, problem: e.problem }));
        break;
    }
  }

  private reportUnsent(handle: string, name: EventName, error: unknown): void {
    if (name === "project.problem") return; // nothing left to tell the studio through
    const message = `the studio could not be told of a change (${name}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}); reopen the project to see it`;
    try {
      this.emit("project.problem", { handle, problem: { file: "", message } });
    } catch {
      /* the transport itself is gone */
    }
  }
}
