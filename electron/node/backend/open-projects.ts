import { QuireError } from "../../shared/contract/errors";
import type { EventName } from "../../shared/contract/index";
import { ProjectStore } from "../store/project-store";
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

  async close(handle: string): Promise<void> {
    const store = this.stores.get(handle);
    this.stores.delete(handle);
    await store?.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.stores.keys()].map((h) => this.close(h)));
  }

  private forward(handle: string, store: ProjectStore, e: Parameters<Parameters<ProjectStore["onEvent"]>[0]>[0]): void {
    switch (e.type) {
      case "unit-changed-on-disk":
        void store.readUnitWithVersion(e.id).then(
          ({ body, version }) => this.emit("unit.reloaded", { handle, id: e.id, body, version }),
          () => {},
        );
        break;
      case "conflict":
        void store.readUnitWithVersion(e.id).then(
          ({ body, version }) => this.emit("unit.conflict", { handle, id: e.id, diskBody: body, version }),
          () => {},
        );
        break;
      case "unit-removed-on-disk":
        this.emit("unit.removedOnDisk", { handle, id: e.id });
        break;
      case "unit-added-on-disk":
      case "units-changed":
        this.emit("units.changed", { handle, units: store.units() });
        break;
      case "meta-changed-on-disk":
        this.emit("project.metaChanged", { handle, meta: store.meta() });
        break;
      case "problem":
        this.emit("project.problem", { handle, problem: e.problem });
        break;
    }
  }
}
