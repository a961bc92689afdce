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
  ) {}

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
