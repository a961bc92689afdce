/** What every part of a project's drafting service shares: the project, the model, the event sink, the run store. */
import { parseMarkdown } from "../../../shared/markdown/index";
import { countWordsInDoc } from "../../../shared/markdown/plain-text";
import { BriefError, DataError, PlanError } from "../../../engine/index";
import { toQuireError } from "../store-errors";
import { QuireError } from "../../../shared/contract/errors";
import type { FsRunStore } from "../../engine-store/fs-run-store";
import type { ProjectStore } from "../../store/project-store";
import type { ModelProvider } from "./model-provider";

export interface DraftingEmitter {
  (name: string, payload: Record<string, unknown>): void;
}

export interface DraftingContext {
  readonly handle: string;
  readonly store: ProjectStore;
  readonly models: ModelProvider;
  readonly emit: DraftingEmitter;
  readonly runStore: FsRunStore;
}

/** Counted as the studio counts (per block, provenance included), so the binder agrees with the editor. */
export function countBody(ctx: DraftingContext, body: string): number {
  return countWordsInDoc(parseMarkdown(body), ctx.store.countUnit());
}

/** The engine's refusals of a brief or a plan, as the contract's error the studio shows. */
export function briefErrorToQuire(error: unknown): unknown {
  if (error instanceof BriefError || error instanceof PlanError) return new QuireError("invalid-payload", error.message, error instanceof BriefError ? { file: error.file } : {});
  return error;
}

/**
 * A drafting file that does not read (a DataError naming it, or the store's refusal: too large,
 * leading outside the project) as the contract's error the studio shows.
 */
export function fileError(error: unknown): unknown {
  if (error instanceof DataError) return new QuireError("corrupt", error.message, { file: error.where });
  return toQuireError(error);
}

/** Runs a read or write of drafting files, its failure as the contract's error. */
export async function fileCall<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (error) {
    throw fileError(error);
  }
}

/** "Chapter 2: The Crossing" for a plan unit with a title, else its heading. */
export function unitTitle(u: { heading: string; title: string }): string {
  return u.title && !u.heading.includes(u.title) ? `${u.heading}: ${u.title}` : u.heading || u.title || "Untitled";
}
