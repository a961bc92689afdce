/**
 * Messages between the studio and the model host process. Both sides validate what they
 * receive: the host is a separate program that can crash half-way through a write, and a bad
 * message must become a clear error, never undefined behaviour.
 */
import { z } from "zod";

export const GpuChoice = z.union([z.enum(["auto", "cuda", "metal", "vulkan"]), z.literal(false)]);
export type GpuChoice = z.infer<typeof GpuChoice>;

const Range = z.object({ min: z.number().int().nonnegative().optional(), max: z.number().int().positive().optional() });

export const LoadOptions = z.object({
  modelPath: z.string().min(1),
  /** Shown to the writer; defaults to the file name. */
  name: z.string().optional(),
  /** Exact, "auto" (largest that fits up to the model's training size) or a range to fit within. */
  contextSize: z.union([z.number().int().positive(), z.literal("auto"), Range]).optional(),
  /** Exact layer count, "auto"/"max", or a range; llama.cpp picks what fits. */
  gpuLayers: z.union([z.number().int().nonnegative(), z.enum(["auto", "max"]), Range]).optional(),
  sequences: z.number().int().min(1).max(64).optional(),
  flashAttention: z.boolean().optional(),
});
export type LoadOptions = z.infer<typeof LoadOptions>;

/** Fixed for the life of one host process (llama.cpp backends cannot be swapped in-process). */
export const HostSettings = z.object({
  gpu: GpuChoice.default("auto"),
  /** CPU threads; omitted = physical cores minus one on CPU-only machines (at least 1). */
  threads: z.number().int().positive().optional(),
  /** Most memory (bytes) Quire may use for a model; loads that need more are refused with what would fit. */
  memoryBudget: z.number().positive().optional(),
});
export type HostSettings = z.input<typeof HostSettings>;

export const LoadReport = z.object({
  name: z.string(),
  modelPath: z.string(),
  architecture: z.string(),
  backend: z.enum(["cuda", "metal", "vulkan", "cpu"]),
  deviceNames: z.array(z.string()),
  gpuLayers: z.number().int().nonnegative(),
  totalLayers: z.number().int().nonnegative(),
  contextSize: z.number().int().positive(),
  trainContextSize: z.number().int().nonnegative(),
  sequences: z.number().int().positive(),
  threads: z.number().int().positive(),
  loadMillis: z.number().nonnegative(),
  /** Human-readable reasons whenever the result is less than what was asked for. */
  fallbacks: z.array(z.string()),
  /** The chat wrapper node-llama-cpp resolved from the model's template. */
  chatWrapper: z.string(),
  /** Whether the model reasons before answering: never, only unless told not to, or always. */
  thinking: z.enum(["none", "can-skip", "always"]),
});
export type LoadReport = z.infer<typeof LoadReport>;

export const SystemReport = z.object({
  backend: z.enum(["cuda", "metal", "vulkan", "cpu"]),
  deviceNames: z.array(z.string()),
  vramTotal: z.number().nonnegative(),
  vramFree: z.number().nonnegative(),
  /** Bytes of VRAM shared with system RAM (Apple silicon); 0 elsewhere. */
  unifiedMemory: z.number().nonnegative(),
  ramTotal: z.number().nonnegative(),
  ramFree: z.number().nonnegative(),
  cpuCores: z.number().int().positive(),
  threads: z.number().int().positive(),
});
export type SystemReport = z.infer<typeof SystemReport>;

const ChatMessage = z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() });

export const WireSampling = z.object({
  temperature: z.number().min(0).optional(),
  topP: z.number().min(0).max(1).optional(),
  topK: z.number().int().nonnegative().optional(),
  minP: z.number().min(0).max(1).optional(),
  repeatPenalty: z
    .object({
      penalty: z.number().optional(),
      frequencyPenalty: z.number().optional(),
      presencePenalty: z.number().optional(),
      lastTokens: z.number().int().nonnegative().optional(),
    })
    .optional(),
  dry: z
    .object({
      strength: z.number().min(0).max(1),
      lastTokens: z.number().int().positive(),
      base: z.number().optional(),
      allowedLength: z.number().int().positive().optional(),
    })
    .optional(),
  seed: z.number().int().nonnegative().optional(),
});

export const WireGenerateRequest = z.object({
  messages: z.array(ChatMessage),
  continueFrom: z.string().optional(),
  maxTokens: z.number().int().positive(),
  minTokens: z.number().int().nonnegative().optional(),
  stop: z.array(z.string().min(1)).optional(),
  sampling: WireSampling.optional(),
  jsonSchema: z.record(z.string(), z.unknown()).optional(),
  /** A lease granted earlier; omitted = the host leases one for this call. */
  leaseId: z.number().int().optional(),
  thoughts: z.object({ skip: z.boolean().optional(), budget: z.number().int().nonnegative().optional() }).optional(),
});
export type WireGenerateRequest = z.infer<typeof WireGenerateRequest>;

export const WireGenerateResult = z.object({
  text: z.string(),
  stopReason: z.enum(["length", "stop", "eos", "cancelled"]),
  stopString: z.string().optional(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  thoughtTokens: z.number().int().nonnegative(),
  thoughts: z.string().optional(),
  millis: z.number().nonnegative(),
});

export const ModelInfoWire = z.object({
  name: z.string(),
  architecture: z.string(),
  contextSize: z.number(),
  backend: z.string(),
  sequences: z.number(),
  trainContextSize: z.number().optional(),
  chatWrapper: z.string().optional(),
  thinking: z.enum(["none", "can-skip", "always"]).optional(),
});

/** Studio -> host. Every request carries an id; the host answers each exactly once. */
export const HostRequest = z.discriminatedUnion("type", [
  z.object({ type: z.literal("init"), id: z.number(), settings: HostSettings }),
  z.object({ type: z.literal("load"), id: z.number(), options: LoadOptions }),
  z.object({ type: z.literal("unload"), id: z.number() }),
  z.object({ type: z.literal("info"), id: z.number() }),
  z.object({ type: z.literal("system"), id: z.number() }),
  z.object({ type: z.literal("countTokens"), id: z.number(), text: z.string() }),
  z.object({ type: z.literal("lease"), id: z.number() }),
  z.object({ type: z.literal("release"), id: z.number(), leaseId: z.number() }),
  z.object({ type: z.literal("generate"), id: z.number(), request: WireGenerateRequest }),
  /** Cancels request `target` (a generate or a queued lease); answered like any request. */
  z.object({ type: z.literal("cancel"), id: z.number(), target: z.number() }),
]);
export type HostRequest = z.infer<typeof HostRequest>;
export type HostRequestBody = HostRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

export const WireError = z.object({
  code: z.enum(["no-model", "host-crashed", "load-failed", "invalid-request", "context-overflow", "disposed", "internal"]),
  message: z.string(),
});

/** Host -> studio. */
export const HostEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("ready"), pid: z.number() }),
  z.object({ type: z.literal("result"), id: z.number(), value: z.unknown() }),
  z.object({ type: z.literal("error"), id: z.number(), error: WireError }),
  /** Streamed text of a generation; `thought` marks reasoning, which is not part of the answer. */
  z.object({ type: z.literal("delta"), id: z.number(), text: z.string(), thought: z.boolean().optional() }),
]);
export type HostEvent = z.infer<typeof HostEvent>;

/** Shapes of `result.value` per request type, checked by the client. */
export const ResultSchemas = {
  init: z.object({ ok: z.literal(true) }),
  load: LoadReport,
  unload: z.object({ ok: z.literal(true) }),
  info: ModelInfoWire.nullable(),
  system: SystemReport,
  countTokens: z.number().int().nonnegative(),
  lease: z.object({ leaseId: z.number().int() }),
  release: z.object({ ok: z.literal(true) }),
  generate: WireGenerateResult,
  cancel: z.object({ ok: z.literal(true) }),
} as const;
