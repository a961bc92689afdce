/**
 * Quire's runtime through the chat templates of real instruct models (generated GGUFs that carry
 * each model's own template and control tokens, tests/fixtures/gguf/templates): node-llama-cpp
 * resolves the wrapper it resolves for the real model, and a prose call, a JSON-schema call and a
 * continuation work through it. The thinking models really reason first (their thought words are
 * a vocabulary of their own), so the tests of thoughts can fail: reasoning never reaches the text
 * or onDelta, and its tokens are reported apart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LlmHostClient, nodeHostLauncher } from "../../electron/node/llm";
import type { GenerateResult } from "../../electron/shared/llm/llm-port";
import { CHAT_FAMILIES, makeChatTestModel, thinks, THOUGHT_WORDS, type ChatFamily } from "../fixtures/gguf/chat-models";

const EXPECTED: Record<ChatFamily, { wrapper: string; thinking: "none" | "can-skip" | "always" }> = {
  "llama-3.1": { wrapper: "Llama 3.1", thinking: "none" },
  "qwen-2.5": { wrapper: "Qwen", thinking: "none" },
  "qwen-3": { wrapper: "Qwen", thinking: "can-skip" },
  "gemma-2": { wrapper: "Gemma", thinking: "none" },
  "mistral-nemo": { wrapper: "Mistral", thinking: "none" },
  "deepseek-r1-distill": { wrapper: "DeepSeek", thinking: "always" },
  "gpt-oss": { wrapper: "Harmony", thinking: "always" },
};

// a system message and one user turn, as the engine sends them: Gemma's template refuses a system
// role and Mistral's wants strictly alternating turns, so the wrapper must place the system text
const messages = [
  { role: "system" as const, content: "You are writing a novel in English. Write prose only." },
  { role: "user" as const, content: "Write the opening of Chapter 3, about 40 words." },
];
const thoughtWord = new RegExp(`\\b(?:${THOUGHT_WORDS.join("|")})\\b`, "i");

function streamed(): { deltas: string[]; thoughts: string[]; hooks: { onDelta: (d: string) => void; onThought: (t: string) => void } } {
  const deltas: string[] = [];
  const thoughts: string[] = [];
  return { deltas, thoughts, hooks: { onDelta: (d) => deltas.push(d), onThought: (t) => thoughts.push(t) } };
}

describe("the runtime through real chat templates", () => {
  const client = new LlmHostClient(nodeHostLauncher(), { gpu: false, threads: 1 });
  beforeAll(async () => {
    await client.start();
  });
  afterAll(async () => {
    await client.dispose();
  });

  for (const family of CHAT_FAMILIES) {
    describe(family, () => {
      beforeAll(async () => {
        await client.load({ modelPath: await makeChatTestModel(family), contextSize: 1024, sequences: 1 });
      });

      it(`resolves node-llama-cpp's ${EXPECTED[family].wrapper} wrapper and says whether the model reasons`, async () => {
        expect(client.loadReport).toMatchObject({ chatWrapper: EXPECTED[family].wrapper, thinking: EXPECTED[family].thinking });
        expect(await client.info()).toMatchObject({ chatWrapper: EXPECTED[family].wrapper, thinking: EXPECTED[family].thinking });
      });

      it("writes prose, streamed piece by piece, with no reasoning in it", async () => {
        const s = streamed();
        const r = await client.generate({ messages, maxTokens: 24, sampling: { seed: 11 }, ...s.hooks });
        expect(r.stopReason).toBe("length");
        expect(r.text.trim().split(/\s+/).length).toBeGreaterThanOrEqual(15);
        expect(s.deltas.join("")).toBe(r.text);
        if (thinks(family)) expect(r.text).not.toMatch(thoughtWord);
        expect(r.text).not.toMatch(/<\||<think>|<\/think>|\[INST\]|<start_of_turn>|<｜/);
        expect(r.completionTokens - (r.thoughtTokens ?? 0)).toBe(24);
      });

      it("answers a JSON-schema call with JSON that matches the schema", async () => {
        const schema = {
          type: "object",
          properties: { title: { type: "string", maxLength: 30 }, beats: { type: "array", items: { type: "string", maxLength: 20 }, maxItems: 2 } },
          required: ["title", "beats"],
        };
        const r = await client.generate({ messages, maxTokens: 120, jsonSchema: schema, sampling: { seed: 5, temperature: 0.4 } });
        expect(r.stopReason).toBe("eos");
        const value = JSON.parse(r.text) as { title: unknown; beats: unknown };
        expect(typeof value.title).toBe("string");
        expect(Array.isArray(value.beats) && value.beats.length <= 2).toBe(true);
      });

      it("continues a reply it was given, without repeating it", async () => {
        const start = "The river ran through the city";
        const r = await client.generate({ messages, continueFrom: start, maxTokens: 12, sampling: { seed: 3 } });
        expect(r.completionTokens - (r.thoughtTokens ?? 0)).toBe(12);
        expect(r.text.startsWith(start)).toBe(false);
        expect(r.text).toMatch(/^ \S/);
        if (thinks(family)) expect(r.text).not.toMatch(thoughtWord);
      });

      if (EXPECTED[family].thinking !== "none") {
        it("reasons first when allowed: the thoughts come apart from the text, their tokens reported", async () => {
          let r: GenerateResult | null = null;
          const s = streamed();
          r = await client.generate({ messages, maxTokens: 20, thoughts: { skip: false, budget: 200 }, sampling: { seed: 2 }, ...s.hooks });
          expect(r.thoughtTokens).toBeGreaterThan(0);
          expect(r.thoughts).toMatch(thoughtWord);
          expect(s.thoughts.join("")).toMatch(thoughtWord);
          expect(r.text).not.toMatch(thoughtWord);
          expect(s.deltas.join("")).toBe(r.text);
          // the answer still gets its whole budget: reasoning is paid for apart
          expect(r.completionTokens).toBe(20 + r.thoughtTokens!);
          expect(r.text.trim().split(/\s+/).length).toBeGreaterThanOrEqual(12);
        });

        it("a thought budget closes the reasoning and the answer follows", async () => {
          const r = await client.generate({ messages, maxTokens: 16, thoughts: { skip: false, budget: 3 }, sampling: { seed: 4 } });
          expect(r.thoughtTokens).toBeGreaterThan(0);
          expect(r.thoughtTokens).toBeLessThanOrEqual(5);
          expect(r.text.trim().split(/\s+/).length).toBeGreaterThanOrEqual(10);
          expect(r.text).not.toMatch(thoughtWord);
        });
      }

      if (EXPECTED[family].thinking === "can-skip") {
        it("asked not to reason, the template's switch turns reasoning off", async () => {
          const r = await client.generate({ messages, maxTokens: 20, thoughts: { skip: true }, sampling: { seed: 2 } });
          expect(r.thoughtTokens).toBe(0);
          expect(r.text.trim().split(/\s+/).length).toBeGreaterThanOrEqual(12);
        });
      }
    });
  }
});
