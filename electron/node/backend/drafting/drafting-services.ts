/** One DraftingService per open project, made on first use. */
import type { OpenProjects } from "../open-projects";
import { DraftingService, type DraftingEmitter } from "./drafting-service";
import type { ModelProvider } from "./model-provider";

export class DraftingServices {
  private readonly services = new Map<string, DraftingService>();

  constructor(
    private readonly open: OpenProjects,
    private readonly models: ModelProvider,
    private readonly emit: DraftingEmitter,
  ) {
    // a project that closes takes its drafting with it: the run pauses first, and a reopened
    // project gets a service bound to its new store, not the closed one
    open.beforeClose((handle) => this.close(handle));
  }

  async close(handle: string): Promise<void> {
    const s = this.services.get(handle);
    if (!s) return;
    this.services.delete(handle);
    await s.close();
  }

  get(handle: string): DraftingService {
    let s = this.services.get(handle);
    if (!s) {
      s = new DraftingService(handle, this.open.get(handle), this.models, this.emit);
      this.services.set(handle, s);
    }
    return s;
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.services.values()].map((s) => s.close()));
    this.services.clear();
    // the model belongs to the backend (createBackend disposes it), not to drafting
  }
}
