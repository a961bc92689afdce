import type { LlmPort, ModelInfo } from "../../../shared/llm/llm-port";

/** The model the drafting services use; the backend's ModelService provides it. */
export interface ModelProvider {
  available(): boolean;
  get(): Promise<LlmPort>;
  info(): Promise<ModelInfo | null>;
  dispose(): Promise<void>;
}
