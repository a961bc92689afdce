/** The project's brief: brief.md as text and as the studio's form, read and saved. */
import { join } from "node:path";
import type { BriefForm } from "../../../shared/contract/drafting";
import { QuireError } from "../../../shared/contract/errors";
import { parseBrief, type Brief } from "../../../engine/index";
import { storeCall } from "../store-errors";
import { briefNotesToView, briefToForm, formToBriefMarkdown } from "./brief-form";
import { briefErrorToQuire, type DraftingContext } from "./context";
import { formFromPasted } from "./pasted-brief";

export class BriefService {
  constructor(private readonly ctx: DraftingContext) {}

  private file(): string {
    return join(this.ctx.store.dir, "brief.md");
  }

  async read() {
    const text = await storeCall(() => this.ctx.store.readBrief());
    if (!text.trim()) return { text, form: null, provenance: {}, error: null };
    try {
      const brief = parseBrief(text, this.file());
      return { text, form: briefToForm(brief), provenance: brief.provenance, error: null, notes: briefNotesToView(brief) };
    } catch (error) {
      return { text, form: null, provenance: {}, error: error instanceof Error ? error.message : String(error) };
    }
  }

  fromText(text: string) {
    try {
      const brief = parseBrief(text, "the pasted brief");
      return { form: formFromPasted(brief, text, this.ctx.store.meta().title), provenance: brief.provenance, notes: briefNotesToView(brief) };
    } catch (error) {
      throw briefErrorToQuire(error);
    }
  }

  async save(form: BriefForm) {
    const text = formToBriefMarkdown(form);
    try {
      parseBrief(text, this.file());
    } catch (error) {
      throw briefErrorToQuire(error);
    }
    await storeCall(() => this.ctx.store.writeBrief(text));
    return { text };
  }

  /** The brief as the engine reads it; "not-found" when there is none, "invalid-payload" when it does not parse. */
  async brief(): Promise<Brief> {
    const text = await storeCall(() => this.ctx.store.readBrief());
    if (!text.trim()) throw new QuireError("not-found", "This project has no brief yet: write one first.", { file: this.file() });
    try {
      return parseBrief(text, this.file());
    } catch (error) {
      throw briefErrorToQuire(error);
    }
  }

  /** The brief, or undefined when there is none or it does not parse (for reviews that can do without it). */
  async briefIfAny(): Promise<Brief | undefined> {
    return this.brief().catch(() => undefined);
  }
}
