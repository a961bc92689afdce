/**
 * A scripted fake LlmPort that reacts to what its prompts ask: it reads the requested length
 * ("Write about N words"), the obligations ("Must include:" lines), revision requests and
 * judge questions from the messages, never from a private test flag. It misbehaves on cue:
 * a cue names a unit heading as it appears in the prompt ("Now write Chapter 3") and a behaviour.
 */
import { countWords } from "../../../electron/shared/text/count-words";
import { LlmError, type GenerateRequest, type GenerateResult, type LlmPort, type ModelInfo, type SequenceLease, type CancelSignal } from "../../../electron/shared/llm/llm-port";

export type Misbehaviour =
  /** ends its first answer at about a third of the length asked */
  | "stop-early"
  /** writes on past the length asked until maxTokens, stopping only when cancelled */
  | "run-long"
  /** ignores cancellation: writes the whole overlong answer anyway */
  | "overshoot"
  /** leaves the obligations out of the first draft */
  | "omit"
  /** gives a character the wrong eye colour (name and colour from the cue's args) */
  | "eye-colour"
  /** states a character's hair colour (name and colour from the cue's args), right or wrong */
  | "hair-colour"
  /** when asked for facts, also gives its first fact again about a name it was not given (the cue's name) and with a value the text lacks (the cue's value) */
  | "invents"
  /** a dead character speaks */
  | "dead-speaks"
  /** misspells a name */
  | "drift"
  /** falls into a repetition loop half way */
  | "loop"
  /** stops early on every call, at random */
  | "random-eos"
  /** omits the obligations and also ignores requests to add them */
  | "stubborn";

export interface Cue {
  unit: string;
  does: Misbehaviour;
  /** free arguments: a name, a colour */
  name?: string;
  value?: string;
}

export interface FakeOptions {
  cues?: Cue[];
  /** throw LlmError("host-crashed") on this generate call (1-based), once */
  crashOnCall?: number;
  sequences?: number;
  contextSize?: number;
  tokensPerWord?: number;
  /** words to mention in prose so consistency checks have something to look at */
  cast?: string[];
}

const VOCAB = "the river ran past old houses while the lamps came on one by one and the wind moved through the square where a dog waited near the gate of the mill the bells rang twice before evening and somebody laughed at a window above the bakery".split(" ");

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13; s >>>= 0;
    s ^= s >> 17;
    s ^= s << 5; s >>>= 0;
    return s / 0x100000000;
  };
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The fact reader's schema: {facts: [{entity, attribute, value}]}. */
function isFactSchema(schema: Record<string, unknown>): boolean {
  const facts = (schema.properties as Record<string, { items?: { properties?: Record<string, unknown> } }> | undefined)?.facts;
  return Boolean(facts?.items?.properties?.attribute && facts.items.properties.entity);
}

export class FakeLlm implements LlmPort {
  calls: GenerateRequest[] = [];
  generateCalls = 0;
  judgeCalls = 0;
  factCalls = 0;
  private crashed = false;
  private free: number[];
  private waiting: ((id: number) => void)[] = [];
  private firstSeen = new Map<string, number>();

  constructor(readonly opts: FakeOptions = {}) {
    this.free = Array.from({ length: opts.sequences ?? 4 }, (_, i) => i);
  }

  async info(): Promise<ModelInfo> {
    return { name: "fake", architecture: "fake", contextSize: this.opts.contextSize ?? 8192, backend: "cpu", sequences: this.opts.sequences ?? 4 };
  }

  async countTokens(text: string): Promise<number> {
    return Math.ceil(text.length / 4);
  }

  async leaseSequence(_signal?: CancelSignal): Promise<SequenceLease> {
    const id = this.free.shift() ?? (await new Promise<number>((r) => this.waiting.push(r)));
    let released = false;
    return {
      id,
      release: () => {
        if (released) return;
        released = true;
        const next = this.waiting.shift();
        if (next) next(id);
        else this.free.push(id);
      },
    };
  }

  private cuesFor(prompt: string): Cue[] {
    return (this.opts.cues ?? []).filter((c) => new RegExp(`\\b(?:write|For) ${c.unit.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`).test(prompt));
  }

  async generate(req: GenerateRequest): Promise<GenerateResult> {
    this.calls.push(req);
    this.generateCalls++;
    if (this.opts.crashOnCall && !this.crashed && this.generateCalls === this.opts.crashOnCall) {
      this.crashed = true;
      throw new LlmError("host-crashed", "the model host exited (scripted crash)");
    }
    const prompt = req.messages.map((m) => m.content).join("\n");
    const tpw = this.opts.tokensPerWord ?? 1.25;
    const started = Date.now();

    if (/Does the passage contain the requirement\?/.test(prompt)) {
      this.judgeCalls++;
      const req2 = /Requirement: (.*)/.exec(prompt)?.[1] ?? "";
      const passage = prompt.split("Passage:\n")[1] ?? "";
      const words = req2.toLowerCase().match(/[a-z]{4,}/g) ?? [];
      const found = words.filter((w) => passage.toLowerCase().includes(w)).length;
      const answer = found >= Math.ceil(words.length * 0.6) ? "yes" : "no";
      // asked to quote: the sentence of the passage with most of the requirement's words
      const body = passage.split(/\n\n(?=Does the passage)/)[0] ?? passage;
      const quote = answer === "no" ? "" : (body.match(/[^.!?\n]+[.!?]/g) ?? []).map((q) => q.trim()).sort((a, b) => words.filter((w) => b.toLowerCase().includes(w)).length - words.filter((w) => a.toLowerCase().includes(w)).length)[0] ?? "";
      return { text: JSON.stringify({ answer, quote }), stopReason: "eos", promptTokens: await this.countTokens(prompt), completionTokens: 4, millis: 1 };
    }
    if (req.jsonSchema && isFactSchema(req.jsonSchema)) {
      this.factCalls++;
      const text = JSON.stringify(this.readFacts(prompt, this.cuesFor(prompt)));
      return { text, stopReason: "eos", promptTokens: await this.countTokens(prompt), completionTokens: await this.countTokens(text), millis: 1 };
    }
    if (req.jsonSchema) {
      return { text: JSON.stringify(this.fillSchema(req.jsonSchema, prompt)), stopReason: "eos", promptTokens: await this.countTokens(prompt), completionTokens: 20, millis: 1 };
    }

    const cues = this.cuesFor(prompt);
    const has = (b: Misbehaviour) => cues.find((c) => c.does === b);
    const key = /Now write ([^\n(.]+)/.exec(prompt)?.[1]?.trim() ?? /For ([^,]+),/.exec(prompt)?.[1] ?? "";
    const attempt = (this.firstSeen.get(key) ?? 0) + 1;
    this.firstSeen.set(key, attempt);
    const first = attempt === 1 && !req.continueFrom;
    const r = rng(hash(prompt) + this.generateCalls);

    let text: string;
    const rewrite = /Rewrite this passage so that: (.*)\./.exec(prompt);
    const insert = /rewrite this paragraph so that it also includes: (.*)/.exec(prompt);
    const ending = /Finish .+? now: write its last (\d+) (?:words|characters)/.exec(prompt);
    const asked = Number((insert ? /write about (\d+) (?:words|characters)/.exec(prompt) : /Write about (\d+) (?:words|characters)/.exec(prompt))?.[1] ?? "100");
    if (rewrite) {
      const eyes = /(\w+)'s eyes are (\w+)/.exec(rewrite[1]!);
      const hair = /((?:[A-Z]\w* )*[A-Z]\w*)'s hair is (\w+)/.exec(rewrite[1]!);
      text = eyes ? `${eyes[1]}'s eyes were ${eyes[2]} in the lamplight.`
        : hair ? `${hair[1]}'s hair was ${hair[2]} in the lamplight.`
        : "The room stayed quiet, and the old chair by the window stood empty.";
    } else if (insert) {
      text = this.prose(asked, r, has("stubborn") ? [] : [insert[1]!.trim()], []);
    } else {
      const obligations = [...prompt.matchAll(/^- (.+)$/gm)].map((m) => m[1]!).filter((l) => (prompt.split("Must include:\n")[1] ?? "").includes(l));
      let want = asked;
      if (req.continueFrom) want = Math.max(Math.ceil((req.minTokens ?? 0) / tpw), 40);
      if (ending) want = Number(ending[1]);
      if (first && has("stop-early")) want = Math.round(asked / 3);
      if (has("random-eos")) want = Math.max(5, Math.round(want * (0.2 + 0.6 * r())));
      if (first && (has("run-long") || has("overshoot"))) want = Math.round(asked * 2);
      text = this.prose(want, r, (first && has("omit")) || has("stubborn") ? [] : req.continueFrom ? [] : obligations, first ? cues : []);
      if (first && has("loop")) {
        const words = text.split(" ");
        const half = words.slice(0, Math.round(words.length / 2)).join(" ");
        text = `${half} ${Array.from({ length: 30 }, () => "The bells rang and the bells rang again over the square.").join(" ")}`;
      }
    }
    return this.stream(text, req, tpw, has("overshoot") !== undefined && first, started);
  }

  /**
   * Reads facts the way a small model might: from the numbered sentences of the prompt, for the
   * names the prompt lists ("Mara's hair was red" → Mara, hair, red). On an "invents" cue it adds
   * a fact about a name it was not given and a value the sentences lack.
   */
  private readFacts(prompt: string, cues: Cue[]): { facts: { entity: string; attribute: string; value: string }[] } {
    const names = (/state about (.+?)\? /.exec(prompt)?.[1] ?? "").split(", ").flatMap((n) => [n, n.split(" ")[0]!]).filter(Boolean);
    const sentences = [...prompt.matchAll(/^\d+\. (.+)$/gm)].map((m) => m[1]!);
    const facts: { entity: string; attribute: string; value: string }[] = [];
    for (const s of sentences) {
      for (const name of [...new Set(names)].sort((a, b) => b.length - a.length)) {
        const n = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
        const stated = new RegExp(`\\b${n}(?:'s|’s) (eyes|hair) (?:were|was|is|are) (\\w+)`).exec(s);
        const worn = new RegExp(`\\b${n}(?:'s|’s) (\\w+) (eyes|hair)\\b`).exec(s);
        const look = stated ? { attribute: stated[1]!, value: stated[2]! } : worn ? { attribute: worn[2]!, value: worn[1]! } : null;
        const born = new RegExp(`\\b${n} was born in (\\w+)`).exec(s);
        const died = new RegExp(`\\b${n} (?:died|was killed|drowned)\\b`).test(s);
        const job = new RegExp(`\\b${n} (?:works|worked) as an? (\\w+)`).exec(s);
        const found = facts.length;
        if (look) facts.push({ entity: name, ...look });
        if (born) facts.push({ entity: name, attribute: "birthplace", value: born[1]! });
        if (died) facts.push({ entity: name, attribute: "status", value: "dead" });
        if (job) facts.push({ entity: name, attribute: "occupation", value: job[1]! });
        if (facts.length > found) break;
      }
    }
    // each invention differs from a true fact in one thing only, so only that check can catch it
    const truth = facts[0];
    for (const c of cues.filter((x) => x.does === "invents")) {
      if (!truth) continue;
      facts.push({ ...truth, entity: c.name ?? "Zed" });
      facts.push({ ...truth, value: c.value ?? "violet" });
    }
    return { facts: facts.slice(0, 4) };
  }

  private prose(words: number, r: () => number, include: string[], cues: Cue[]): string {
    const sentences: string[] = [];
    let n = 0;
    const cast = this.opts.cast ?? [];
    const extras: string[] = [];
    for (const c of cues) {
      if (c.does === "eye-colour") extras.push(`${c.name}'s ${c.value} eyes caught the light.`);
      if (c.does === "hair-colour") extras.push(`${c.name}'s hair was ${c.value} in the wind.`);
      if (c.does === "dead-speaks") extras.push(`"We should go home," ${c.name} said.`);
      if (c.does === "drift") extras.push(`At the gate they met ${c.value}, who waved.`, `Later ${c.value} came back for the dog.`);
    }
    const specials = [...include.map((s) => (/[.!?]$/.test(s) ? s : `${s}.`)), ...extras];
    // spread the special sentences evenly through the filler
    let k = 0;
    while (n < words) {
      if (k < specials.length && n >= ((k + 1) * words) / (specials.length + 1)) {
        const s = specials[k++]!;
        sentences.push(s);
        n += countWords(s);
        continue;
      }
      const len = Math.min(words - n, 8 + Math.floor(r() * 10));
      const w: string[] = [];
      for (let i = 0; i < len; i++) w.push(i === 2 && cast.length > 0 && r() < 0.3 ? cast[Math.floor(r() * cast.length)]! : VOCAB[Math.floor(r() * VOCAB.length)]!);
      const s = `${w.join(" ")}.`;
      sentences.push(s[0]!.toUpperCase() + s.slice(1));
      n += len;
    }
    while (k < specials.length) sentences.push(specials[k++]!);
    const paras: string[] = [];
    for (let i = 0; i < sentences.length; i += 5) paras.push(sentences.slice(i, i + 5).join(" "));
    return paras.join("\n\n");
  }

  private async stream(text: string, req: GenerateRequest, tpw: number, ignoreCancel: boolean, started: number): Promise<GenerateResult> {
    const pieces = text.match(/\s*\S+/g) ?? [];
    let out = "";
    let tokens = 0;
    const promptTokens = await this.countTokens(req.messages.map((m) => m.content).join("\n") + (req.continueFrom ?? ""));
    for (const p of pieces) {
      if (req.signal?.aborted && !ignoreCancel) {
        return { text: out, stopReason: "cancelled", promptTokens, completionTokens: tokens, millis: Date.now() - started };
      }
      const cost = Math.max(1, Math.round(tpw * countWords(p) || 1));
      if (tokens + cost > req.maxTokens) return { text: out, stopReason: "length", promptTokens, completionTokens: tokens, millis: Date.now() - started };
      out += req.continueFrom === undefined && out === "" ? p.trimStart() : p;
      tokens += cost;
      req.onDelta?.(p);
      if (tokens % 64 === 0) await Promise.resolve();
    }
    await Promise.resolve();
    return { text: out, stopReason: "eos", promptTokens, completionTokens: tokens, millis: Date.now() - started };
  }

  private fillSchema(schema: Record<string, unknown>, prompt: string, item?: string): unknown {
    const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
    const out: Record<string, unknown> = {};
    const unit = item ?? /Plan (?:the )?([^:,\n]+?)[:,\n]/.exec(prompt)?.[1] ?? "the section";
    for (const [k, v] of Object.entries(props)) {
      if (v.type === "string") out[k] = k === "title" ? `The ${unit.split(" ").pop()} turn`.slice(0, Number(v.maxLength ?? 60)) : k === "where" ? "by the mill gate" : `What happens in ${unit}.`.slice(0, Number(v.maxLength ?? 200));
      else if (v.type === "array" && Object.keys((v.items as { properties?: Record<string, unknown> } | undefined)?.properties ?? {}).some((f) => ["title", "summary", "beats", "start", "end"].includes(f))) {
        // a planner group: one item per numbered unit the prompt lists ("2. Chapter 4: about …")
        const listed = [...prompt.matchAll(/^\d+\. ([^:\n]+):/gm)].map((m) => m[1]!);
        out[k] = listed.slice(0, Number(v.maxItems ?? listed.length)).map((name) => this.fillSchema(v.items as Record<string, unknown>, prompt, name));
      } else if (v.type === "array") {
        // a list the schema needs (beats) gets one line; others (who is there, open threads) stay empty
        const min = Number(v.minItems ?? 0);
        out[k] = Array.from({ length: min }, () => `What happens in ${unit}`.slice(0, Number((v.items as { maxLength?: number } | undefined)?.maxLength ?? 60)));
      } else if (v.type === "object") out[k] = this.fillSchema(v, prompt, item);
      else if (v.type === "boolean") out[k] = true;
      else if (v.type === "integer" || v.type === "number") out[k] = 1;
    }
    return out;
  }
}
