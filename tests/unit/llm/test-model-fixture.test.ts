/** The generated test model's building blocks: half floats and the vocabulary's promises. */
import { describe, expect, it } from "vitest";
import { toF16 } from "../../fixtures/gguf/gguf-writer";
import { buildVocabulary, expectedTokenCount, referenceTokenize, WORDS } from "../../fixtures/gguf/vocab";

describe("test model fixture", () => {
  it("converts floats to IEEE half precision", () => {
    const h = toF16(new Float32Array([1, -2, 0.5, 0, 65504, 1e-7, 0.1]));
    expect(Array.from(h.slice(0, 5))).toEqual([0x3c00, 0xc000, 0x3800, 0x0000, 0x7bff]);
    expect(h[5]).toBe(0x0002); // subnormal
    expect(h[6]).toBe(0x2e66); // 0.1 rounds to 0.0999755859375
  });

  it("whole variant: every vocabulary word (and its capitalised form) is one token", () => {
    const v = buildVocabulary("whole");
    for (const w of WORDS) {
      expect(referenceTokenize(v, w)).toHaveLength(1);
      expect(referenceTokenize(v, w[0]!.toUpperCase() + w.slice(1))).toHaveLength(1);
    }
  });

  it("split variant: longer words take several tokens", () => {
    expect(expectedTokenCount("character", "split")).toBeGreaterThan(1);
    expect(expectedTokenCount("character", "whole")).toBe(1);
  });

  it("text outside the vocabulary falls back to byte tokens", () => {
    const v = buildVocabulary("whole");
    const ids = referenceTokenize(v, "zq");
    expect(ids.every((id) => v.byteTokens.includes(id) || v.tokens[id]!.startsWith("\u2581"))).toBe(true);
    expect(ids.length).toBeGreaterThanOrEqual(2);
  });
});
