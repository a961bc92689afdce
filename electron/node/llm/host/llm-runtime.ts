/**
 * The model runtime that lives inside the host process: one llama.cpp instance, at most one
 * loaded model, a context with N sequences handed out through a pool, and generation with
 * node-llama-cpp's LlamaChat on each sequence.
 *
 * Load, unload and dispose run under one lock; unload first cancels running generations and
 * waits for them, so nothing ever evaluates on a disposed context.
 */
import { basename } from "node:path";
import { availableParallelism } from "node:os";
import { systemReportFor } from "./system-report";
import {
  getLlama,
  JinjaTemplateChatWrapper,
  LlamaChat,
  LlamaLogLevel,
  QwenChatWrapper,
  resolveChatWrapper,
  TokenBias,
  type ChatHistoryItem,
  type ChatWrapper,
  type Llama,
  type LlamaContext,
  type LlamaGrammar,
  type LlamaModel,
  type Token,
} from "node-llama-cpp";
import { DEFAULT_THOUGHT_BUDGET, LlmError, type ModelInfo, type ThinkingKind } from "../../../shared/llm/llm-port";
import { decideFit, describeFit, type MemoryState } from "../fit-decision";
import { HostSettings as HostSettingsResolved, type GpuChoice, type LoadOptions, type LoadReport, type SystemReport, type WireGenerateRequest } from "../host-protocol";
import { PoolClosedError, SequencePool } from "./sequence-pool";
import { defaultThreads } from "./threads";
import { inspectGguf, GgufInspectError, type GgufSummary } from "../../models/gguf-inspect";
import { withLock } from "lifecycle-utils";
import { z } from "zod";
import { WireGenerateResult } from "../host-protocol";

export type RuntimeGenerateResult = z.infer<typeof WireGenerateResult>;

/** Sampling used when the caller gives none: a writer wants varied prose, not greedy loops. */
export const DEFAULT_SAMPLING = { temperature: 0.8, topP: 0.95, topK: 40, minP: 0.05 } as const;
const DEFAULT_CONTEXT = { min: 2048, max: 8192 } as const;

type Backend = LoadReport["backend"];

interface Slot {
  /** generation through the chat wrapper as resolved from the model */
  chat: LlamaChat;
  /** the same sequence through the wrapper that asks the model not to reason (same as `chat` when it cannot) */
  quiet: LlamaChat;
  generating: boolean;
}

/** The model's chat wrapper, and one that turns reasoning off where the template has a way. */
interface Wrappers {
  normal: ChatWrapper;
  quiet: ChatWrapper;
  thinking: ThinkingKind;
}

interface GenerateHooks {
  signal?: AbortSignal;
  onDelta?: (text: string) => void;
  onThought?: (text: string) => void;
}

interface Loaded {
  model: LlamaModel;
  wrappers: Wrappers;
  context: LlamaContext;
  slots: Slot[];
  pool: SequencePool;
  report: LoadReport;
  /** Tokens that end a turn; suppressed while minTokens is not reached. */
  endTokens: Token[];
  grammars: Map<string, Promise<LlamaGrammar>>;
  running: Set<{ abort: AbortController; done: Promise<unknown> }>;
  closing: boolean;
}

interface Lease {
  slot: number;
  loaded: Loaded;
}

export class LlmRuntime {
  private llama: Llama | null = null;
  private llamaPromise: Promise<Llama> | null = null;
  private readonly settings: z.infer<typeof HostSettingsResolved>;
  private gpuFallbacks: string[] = [];
  private loaded: Loaded | null = null;
  private readonly leases = new Map<number, Lease>();
  private nextLeaseId = 1;
  private disposed = false;

  constructor(settings: z.input<typeof HostSettingsResolved> = {}) {
    this.settings = HostSettingsResolved.parse(settings);
  }

  private getLlamaOnce(): Promise<Llama> {
    this.llamaPromise ??= this.createLlama().then((l) => (this.llama = l));
    return this.llamaPromise;
  }

  /** Resolves the requested backend without ever compiling; falls back and says why. */
  private async createLlama(): Promise<Llama> {
    const common = { build: "never", logLevel: LlamaLogLevel.error, progressLogs: false } as const;
    const want: GpuChoice = this.settings.gpu;
    const attempt = (gpu: GpuChoice, maxThreads?: number) => getLlama({ ...common, gpu, ...(maxThreads ? { maxThreads } : {}) });
    let llama: Llama;
    let failure: string | null = null;
    try {
      llama = await attempt(want, this.settings.threads);
    } catch (err) {
      if (want === false) throw new LlmError("load-failed", `could not start llama.cpp on the CPU: ${errorText(err)}`);
      failure = backendFailureText(err);
      try {
        llama = await attempt(want === "auto" ? false : "auto", this.settings.threads);
      } catch {
        llama = await attempt(false, this.settings.threads);
      }
    }
    const using = llama.gpu === false ? "the CPU" : llama.gpu.toUpperCase();
    if (want !== false && want !== "auto" && llama.gpu !== want) {
      this.gpuFallbacks.push(`${want.toUpperCase()} is not available on this machine (${failure ?? "not detected"}); using ${using} instead`);
    } else if (want === "auto" && llama.gpu === false) {
      this.gpuFallbacks.push(`no supported GPU found${failure ? ` (${failure})` : ""}; running on the CPU`);
    }
    // Thread count is decided here, never left to the library default.
    if (!this.settings.threads) {
      const threads = defaultThreads(llama.cpuMathCores || availableParallelism(), llama.gpu !== false);
      llama.maxThreads = threads;
    }
    return llama;
  }

  private threads(llama: Llama): number {
    return this.settings.threads ?? defaultThreads(llama.cpuMathCores || availableParallelism(), llama.gpu !== false);
  }

  async system(): Promise<SystemReport> {
    const llama = await this.getLlamaOnce();
    return systemReportFor(llama, this.threads(llama));
  }

  load(options: LoadOptions): Promise<LoadReport> {
    return withLock([this, "model"], async () => {
      this.ensureAlive();
      // A file that is not a usable model must not cost the writer the model already loaded.
      const inspected = await inspectForLoad(options);
      await this.unloadLocked();
      return this.loadLocked(options, inspected);
    });
  }

  private async loadLocked(options: LoadOptions, inspected: GgufSummary): Promise<LoadReport> {
    const started = performance.now();
    const file = options.modelPath;
    const name = options.name ?? basename(file);
    const llama = await this.getLlamaOnce();
    const sequences = options.sequences ?? 1;
    const requested = options.contextSize ?? DEFAULT_CONTEXT;
    const requestedMax = typeof requested === "number" ? requested : requested === "auto" ? inspected.contextLength : (requested.max ?? inspected.contextLength);
    const minContext = typeof requested === "number" ? requested : requested === "auto" ? 512 : (requested.min ?? 512);

    const system = await this.system();
    const memory: MemoryState = {
      backend: system.backend,
      vramTotal: system.vramTotal,
      vramFree: this.settings.memoryBudget !== undefined ? Math.min(system.vramFree, this.settings.memoryBudget) : system.vramFree,
      ramTotal: system.ramTotal,
      ramFree: this.settings.memoryBudget !== undefined ? Math.min(system.ramFree, this.settings.memoryBudget) : system.ramFree,
      unifiedMemory: system.unifiedMemory > 0,
    };
    const fit = decideFit(memory, {
      fileBytes: inspected.fileSize,
      layers: inspected.blockCount ?? 1,
      kvBytesPerToken: inspected.kvBytesPerToken ?? 0,
      contextSize: Math.min(minContext, inspected.contextLength || minContext),
      sequences,
    });
    if (fit.kind === "does-not-fit") throw new LlmError("load-failed", `${name}: ${describeFit(fit)}`);

    let model: LlamaModel;
    try {
      model = await llama.loadModel({
        modelPath: file,
        gpuLayers: options.gpuLayers ?? "auto",
        // our fit check above already ran with the memory budget
        ignoreMemorySafetyChecks: false,
      });
    } catch (err) {
      throw new LlmError("load-failed", `${name}: llama.cpp could not load the model: ${errorText(err)}`);
    }
    const threads = this.threads(llama);
    let context: LlamaContext;
    try {
      context = await model.createContext({
        contextSize: requested,
        sequences,
        threads,
        ...(options.flashAttention !== undefined ? { flashAttention: options.flashAttention } : {}),
      });
    } catch (err) {
      await model.dispose();
      throw new LlmError("load-failed", `${name}: not enough memory for a ${minContext}-token context × ${sequences} sequence(s): ${errorText(err)}`);
    }
    // resolved once for all sequences: resolving compares the template with every known wrapper
    const wrappers = resolveWrappers(model);
    const slots: Slot[] = [];
    for (let i = 0; i < sequences; i++) {
      const contextSequence = context.getSequence();
      const chat = new LlamaChat({ contextSequence, chatWrapper: wrappers.normal, autoDisposeSequence: false });
      const quiet = wrappers.quiet === wrappers.normal ? chat : new LlamaChat({ contextSequence, chatWrapper: wrappers.quiet, autoDisposeSequence: false });
      slots.push({ chat, quiet, generating: false });
    }
    const totalLayers = model.fileInsights.totalLayers;
    const fallbacks = [...this.gpuFallbacks];
    if (llama.gpu !== false && model.gpuLayers < totalLayers) {
      fallbacks.push(`only ${model.gpuLayers} of ${totalLayers} layers fit in GPU memory; the rest run on the CPU (slower)`);
    }
    if (context.contextSize < requestedMax && typeof requested !== "number") {
      const why = context.contextSize >= model.trainContextSize ? `the model was trained for ${model.trainContextSize}` : "to fit in memory";
      fallbacks.push(`context is ${context.contextSize} tokens per sequence (asked for up to ${requestedMax}): ${why}`);
    }
    const report: LoadReport = {
      name,
      modelPath: file,
      architecture: inspected.architecture,
      backend: backendOf(llama),
      deviceNames: llama.gpu === false ? [] : await llama.getGpuDeviceNames().catch(() => []),
      gpuLayers: model.gpuLayers,
      totalLayers,
      contextSize: context.contextSize,
      trainContextSize: model.trainContextSize,
      sequences,
      threads,
      loadMillis: performance.now() - started,
      fallbacks,
      chatWrapper: wrappers.normal.wrapperName,
      thinking: wrappers.thinking,
    };
    this.loaded = {
      model,
      wrappers,
      context,
      slots,
      pool: new SequencePool(sequences),
      report,
      endTokens: endOfTurnTokens(model),
      grammars: new Map(),
      running: new Set(),
      closing: false,
    };
    return report;
  }

  unload(): Promise<void> {
    return withLock([this, "model"], () => this.unloadLocked());
  }

  private async unloadLocked(): Promise<void> {
    const l = this.loaded;
    if (!l) return;
    l.closing = true;
    l.pool.close();
    // Cancel cleanly first: generations end with their partial text before the context goes.
    for (const r of l.running) r.abort.abort(new LlmError("no-model", "the model is being unloaded"));
    await Promise.allSettled([...l.running].map((r) => r.done));
    for (const [id, lease] of this.leases) if (lease.loaded === l) this.leases.delete(id);
    this.loaded = null;
    for (const s of l.slots) {
      s.chat.dispose({ disposeSequence: false });
      s.quiet.dispose({ disposeSequence: false });
    }
    await l.context.dispose();
    await l.model.dispose();
  }

  async dispose(): Promise<void> {
    await withLock([this, "model"], async () => {
      await this.unloadLocked();
      this.disposed = true;
      await this.llama?.dispose();
    });
  }

  info(): ModelInfo | null {
    const l = this.loaded;
    if (!l || l.closing) return null;
    const r = l.report;
    return {
      name: r.name,
      architecture: r.architecture,
      contextSize: r.contextSize,
      backend: r.backend,
      sequences: r.sequences,
      trainContextSize: r.trainContextSize,
      chatWrapper: r.chatWrapper,
      thinking: r.thinking,
    };
  }

  get loadReport(): LoadReport | null {
    return this.loaded?.report ?? null;
  }

  countTokens(text: string): number {
    return this.requireLoaded().model.tokenize(text).length;
  }

  /** Leases a sequence; `cancel` withdraws a request still waiting in the queue. */
  lease(): { lease: Promise<number>; cancel: () => void } {
    const l = this.requireLoaded();
    const { slot, cancel } = l.pool.acquire();
    return {
      lease: slot.then(
        (s) => {
          const id = this.nextLeaseId++;
          this.leases.set(id, { slot: s, loaded: l });
          return id;
        },
        (err) => {
          throw err instanceof PoolClosedError ? new LlmError("no-model", "the model was unloaded while waiting for a sequence") : err;
        },
      ),
      cancel: () => cancel(new LlmError("invalid-request", "lease request cancelled")),
    };
  }

  release(leaseId: number): void {
    const lease = this.leases.get(leaseId);
    if (!lease) return;
    this.leases.delete(leaseId);
    lease.loaded.pool.release(lease.slot);
  }

  async generate(req: WireGenerateRequest, { signal, onDelta, onThought }: GenerateHooks = {}): Promise<RuntimeGenerateResult> {
    const started = performance.now();
    const l = this.requireLoaded();
    const cancelled = (): RuntimeGenerateResult => ({ text: "", stopReason: "cancelled", promptTokens: 0, completionTokens: 0, thoughtTokens: 0, millis: performance.now() - started });

    let slotIndex: number;
    let autoLease: number | null = null;
    if (req.leaseId !== undefined) {
      const lease = this.leases.get(req.leaseId);
      if (!lease || lease.loaded !== l) throw new LlmError("invalid-request", `lease ${req.leaseId} is not held (released, or the model was reloaded)`);
      slotIndex = lease.slot;
    } else {
      if (signal?.aborted) return cancelled();
      const pending = this.lease();
      const onAbort = () => pending.cancel();
      signal?.addEventListener("abort", onAbort, { once: true });
      try {
        autoLease = await pending.lease;
      } catch (err) {
        if (signal?.aborted) return cancelled();
        throw err;
      } finally {
        signal?.removeEventListener("abort", onAbort);
      }
      slotIndex = this.leases.get(autoLease)!.slot;
    }
    const slot = l.slots[slotIndex]!;
    if (slot.generating) throw new LlmError("invalid-request", `sequence ${slotIndex} is already generating`);
    const abort = new AbortController();
    const forward = () => abort.abort(signal?.reason);
    if (signal?.aborted) forward();
    signal?.addEventListener("abort", forward, { once: true });
    slot.generating = true;
    const run = this.runChat(l, slot, req, abort.signal, { onDelta, onThought });
    const entry = { abort, done: run };
    l.running.add(entry);
    try {
      const result = await run;
      return { ...result, millis: performance.now() - started };
    } finally {
      l.running.delete(entry);
      slot.generating = false;
      signal?.removeEventListener("abort", forward);
      if (autoLease !== null) this.release(autoLease);
    }
  }

  private async runChat(l: Loaded, slot: Slot, req: WireGenerateRequest, outer: AbortSignal, hooks: GenerateHooks): Promise<Omit<RuntimeGenerateResult, "millis">> {
    const history: ChatHistoryItem[] = req.messages.map((m): ChatHistoryItem =>
      m.role === "system" ? { type: "system", text: m.content } : m.role === "user" ? { type: "user", text: m.content } : { type: "model", response: [m.content] },
    );
    // LlamaChat continues the last model response, so a partial reply is simply that response.
    history.push({ type: "model", response: req.continueFrom ? [req.continueFrom] : [] });

    // llama.cpp would silently shift the context (dropping the start of the conversation);
    // a writer's brief must never vanish, so an oversized prompt is refused instead.
    const promptEstimate =
      req.messages.reduce((n, m) => n + l.model.tokenize(m.content).length + 4, 0) + (req.continueFrom ? l.model.tokenize(req.continueFrom).length : 0);
    if (promptEstimate >= l.report.contextSize) {
      throw new LlmError("context-overflow", `the prompt is about ${promptEstimate} tokens but the context holds ${l.report.contextSize}`);
    }
    const s = { ...DEFAULT_SAMPLING, ...req.sampling };
    /** tokens of the answer (thoughts are counted apart) */
    let generated = 0;
    let thoughtTokens = 0;
    let thoughts = "";
    const minTokens = req.minTokens ?? 0;
    let tokenBias: (() => TokenBias) | undefined;
    if (minTokens > 0 && l.endTokens.length > 0) {
      const noEnd = endSuppressingBias(l.model, l.endTokens);
      const none = new TokenBias(l.model.tokenizer);
      // evaluated before each sampled token
      tokenBias = () => (generated < minTokens ? noEnd : none);
    }
    const grammar = req.jsonSchema ? await this.grammarFor(l, req.jsonSchema) : undefined;
    const chat = (req.thoughts?.skip ?? true) ? slot.quiet : slot.chat;
    const seq = chat.sequence;
    // Reasoning is paid from its own budget: node-llama-cpp closes a thought at the budget, and
    // the answer alone is held to maxTokens (by stopping the call once it has that many).
    const reasons = l.wrappers.thinking !== "none";
    const thoughtBudget = reasons ? (req.thoughts?.budget ?? DEFAULT_THOUGHT_BUDGET) : 0;
    const local = new AbortController();
    let answerFull = false;
    const forward = () => local.abort(outer.reason);
    if (outer.aborted) forward();
    outer.addEventListener("abort", forward, { once: true });
    // SentencePiece drops the leading space of a reply's first token; when continuing text
    // that space is the word boundary and must be kept.
    let joinSpace = false;
    let firstChunkSeen = false;
    try {
      const res = await chat.generateResponse(history, {
        maxTokens: req.maxTokens + thoughtBudget,
        ...(reasons ? { budgets: { thoughtTokens: thoughtBudget, commentTokens: thoughtBudget } } : {}),
        temperature: s.temperature,
        topP: s.topP,
        topK: s.topK,
        minP: s.minP,
        ...(s.seed !== undefined ? { seed: s.seed } : {}),
        repeatPenalty: s.repeatPenalty
          ? {
              ...(s.repeatPenalty.penalty !== undefined ? { penalty: s.repeatPenalty.penalty } : {}),
              ...(s.repeatPenalty.frequencyPenalty !== undefined ? { frequencyPenalty: s.repeatPenalty.frequencyPenalty } : {}),
              ...(s.repeatPenalty.presencePenalty !== undefined ? { presencePenalty: s.repeatPenalty.presencePenalty } : {}),
              ...(s.repeatPenalty.lastTokens !== undefined ? { lastTokens: s.repeatPenalty.lastTokens } : {}),
            }
          : false,
        ...(s.dry
          ? {
              dryRepeatPenalty: {
                strength: s.dry.strength,
                lastTokens: s.dry.lastTokens,
                ...(s.dry.base !== undefined ? { base: s.dry.base } : {}),
                ...(s.dry.allowedLength !== undefined ? { allowedLength: s.dry.allowedLength } : {}),
              },
            }
          : {}),
        ...(tokenBias ? { tokenBias } : {}),
        ...(grammar ? { grammar } : {}),
        ...(req.stop?.length ? { customStopTriggers: req.stop } : {}),
        signal: local.signal,
        stopOnAbortSignal: true,
        onToken: (tokens) => {
          if (generated === 0 && tokens.length > 0) joinSpace = needsJoiningSpace(l.model, req.continueFrom, tokens[0]!);
          generated += tokens.length;
          if (reasons && generated >= req.maxTokens && !local.signal.aborted) {
            answerFull = true;
            local.abort();
          }
        },
        onTextChunk: (text) => {
          if (!firstChunkSeen && text.length > 0) {
            firstChunkSeen = true;
            if (joinSpace && !/^\s/.test(text)) text = " " + text;
          }
          hooks.onDelta?.(text);
        },
        // thought (and Harmony's commentary) segments: counted and handed on apart, never as text
        onResponseChunk: (chunk) => {
          if (chunk.type !== "segment") return;
          thoughtTokens += chunk.tokens.length;
          thoughts += chunk.text;
          if (chunk.text) hooks.onThought?.(chunk.text);
        },
      });
      const meta = res.metadata;
      const stopReason =
        meta.stopReason === "maxTokens" || answerFull
          ? "length"
          : meta.stopReason === "customStopTrigger"
            ? "stop"
            : meta.stopReason === "abort"
              ? "cancelled"
              : "eos";
      const stopString =
        meta.stopReason === "customStopTrigger" ? meta.customStopTrigger.map((p) => (typeof p === "string" ? p : l.model.detokenize([p]))).join("") : undefined;
      const text = joinSpace && res.response.length > 0 && !/^\s/.test(res.response) ? " " + res.response : res.response;
      const completionTokens = generated + thoughtTokens;
      return {
        text,
        stopReason,
        ...(stopString !== undefined ? { stopString } : {}),
        promptTokens: Math.max(0, seq.nextTokenIndex - completionTokens),
        completionTokens,
        thoughtTokens,
        ...(thoughts.trim() ? { thoughts: thoughts.trim() } : {}),
      };
    } catch (err) {
      if (err instanceof LlmError) throw err;
      const text = errorText(err);
      if (/context size|context is full|too long|exceeds/i.test(text)) throw new LlmError("context-overflow", `the prompt does not fit in the ${l.report.contextSize}-token context: ${text}`);
      if (l.closing) throw new LlmError("no-model", "the model was unloaded during generation");
      throw new LlmError("internal", `generation failed: ${text}`);
    } finally {
      outer.removeEventListener("abort", forward);
    }
  }

  private grammarFor(l: Loaded, schema: Record<string, unknown>): Promise<LlamaGrammar> {
    const key = JSON.stringify(schema);
    let g = l.grammars.get(key);
    if (!g) {
      g = this.getLlamaOnce()
        .then((llama) => llama.createGrammarForJsonSchema(schema as never) as Promise<LlamaGrammar>)
        .catch((err) => {
          l.grammars.delete(key);
          throw new LlmError("invalid-request", `unsupported JSON schema: ${errorText(err)}`);
        });
      l.grammars.set(key, g);
    }
    return g;
  }

  private requireLoaded(): Loaded {
    this.ensureAlive();
    const l = this.loaded;
    if (!l || l.closing) throw new LlmError("no-model", "no model is loaded");
    return l;
  }

  private ensureAlive(): void {
    if (this.disposed) throw new LlmError("disposed", "the model runtime was disposed");
  }
}


/**
 * The chat wrapper node-llama-cpp resolves for the model (as LlamaChat's "auto" would), and the
 * one to use when reasoning is not wanted. Some wrappers define thought segments for a whole
 * family (Qwen's serves Qwen 2.5, which never reasons), so the model's own template decides
 * whether it reasons at all. Where the template has a switch (Qwen 3's enable_thinking) the quiet
 * wrapper turns reasoning off as the template does (an empty think block); gpt-oss is asked for
 * low effort but still reasons, so it counts as "always", as does DeepSeek-R1.
 */
function resolveWrappers(model: LlamaModel): Wrappers {
  const normal = resolveChatWrapper(model);
  const template = model.fileInfo.metadata?.tokenizer?.chat_template;
  const mentionsReasoning = typeof template !== "string" || /<think>|enable_thinking|reasoning_content|reasoning_effort|<\|channel\|>/.test(template);
  if (normal.settings.segments?.thought == null || !mentionsReasoning) return { normal, quiet: normal, thinking: "none" };
  const canSwitch = typeof template === "string" && template.includes("enable_thinking");
  if (canSwitch && normal instanceof QwenChatWrapper) {
    return { normal, quiet: resolveChatWrapper(model, { customWrapperSettings: { qwen: { thoughts: "discourage" } } }), thinking: "can-skip" };
  }
  if (canSwitch && normal instanceof JinjaTemplateChatWrapper) {
    const quiet = resolveChatWrapper(model, { type: "jinjaTemplate", customWrapperSettings: { jinjaTemplate: { template, additionalRenderParameters: { enable_thinking: false } } } });
    return { normal, quiet, thinking: "can-skip" };
  }
  const quiet = resolveChatWrapper(model, { customWrapperSettings: { harmony: { reasoningEffort: "low" } } });
  return { normal, quiet, thinking: "always" };
}

function backendOf(llama: Llama): Backend {
  return llama.gpu === false ? "cpu" : llama.gpu;
}

/** End-of-generation tokens: the model's EOS/EOT plus known end-of-turn specials it defines. */
function endOfTurnTokens(model: LlamaModel): Token[] {
  const out = new Set<Token>();
  for (const t of [model.tokens.eos, model.tokens.eot]) if (t != null) out.add(t);
  for (const text of ["<|im_end|>", "<|eot_id|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "</s>"]) {
    const toks = model.tokenize(text, true);
    if (toks.length === 1 && model.isEogToken(toks[0]!)) out.add(toks[0]!);
  }
  return [...out];
}

/**
 * TokenBias.set() deliberately skips end-of-generation tokens, which are exactly the ones
 * minTokens must hold back; its bias map is written directly (checked at run time, so a
 * library change fails loudly instead of silently ignoring minTokens).
 */
function endSuppressingBias(model: LlamaModel, endTokens: Token[]): TokenBias {
  const bias = new TokenBias(model.tokenizer);
  const map = (bias as unknown as { _biases?: unknown })._biases;
  if (!(map instanceof Map)) throw new LlmError("internal", "minTokens is not supported by this node-llama-cpp version");
  for (const t of endTokens) map.set(t, -Infinity);
  return bias;
}

async function inspectForLoad(options: LoadOptions): Promise<GgufSummary> {
  try {
    return await inspectGguf(options.modelPath);
  } catch (err) {
    if (err instanceof GgufInspectError) throw new LlmError("load-failed", err.message);
    throw new LlmError("load-failed", `${options.name ?? basename(options.modelPath)}: ${errorText(err)}`);
  }
}

function needsJoiningSpace(model: LlamaModel, continueFrom: string | undefined, first: Token): boolean {
  if (!continueFrom || /\s$/.test(continueFrom)) return false;
  const context = model.tokenize(continueFrom.slice(-64)).slice(-4);
  const withContext = model.detokenize([first], false, context);
  return /^\s/.test(withContext) && !/^\s/.test(model.detokenize([first], false));
}

/** node-llama-cpp reports a missing backend by error class name only; say it in words. */
function backendFailureText(err: unknown): string {
  const name = err instanceof Error ? err.name || err.constructor.name : "";
  const text = errorText(err);
  if (/NoBinaryFound/i.test(name) || /NoBinaryFound/i.test(text)) return "no usable prebuilt binary: the driver or runtime libraries are missing";
  return text;
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

