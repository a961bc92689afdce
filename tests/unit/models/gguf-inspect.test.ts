import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GgufInspectError, inspectGguf } from "../../../electron/node/models/gguf-inspect";
import { ModelLibrary } from "../../../electron/node/models/model-library";
import type { CatalogEntry } from "../../../electron/node/models/catalog";
import { buildTestModelTensors, countParameters, makeTestModel, testModelShape, writeTestModel } from "../../fixtures/gguf/test-model";
import { buildVocabulary } from "../../fixtures/gguf/vocab";

let dir: string;
let model: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "quire-gguf-"));
  model = await makeTestModel({ params: "1M", variant: "whole" });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function problemOf(path: string) {
  const err = await inspectGguf(path).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(GgufInspectError);
  return err as GgufInspectError;
}

describe("GGUF inspection", () => {
  it("reads architecture, size, file type, context length and chat template", async () => {
    const s = await inspectGguf(model);
    const vocab = buildVocabulary("whole");
    expect(s.architecture).toBe("llama");
    expect(s.version).toBe(3);
    expect(s.parameters).toBe(countParameters(buildTestModelTensors(vocab, testModelShape("1M"), "whole", 1)));
    expect(s.fileTypeName).toBe("ALL_F32");
    expect(s.contextLength).toBe(4096);
    expect(s.blockCount).toBe(3);
    expect(s.chatTemplate).toContain("<|im_start|>");
    expect(s.dataEnd).toBe(s.fileSize);
    // 3 layers × 2 KV heads × (32 + 32) dims × 2 bytes
    expect(s.kvBytesPerToken).toBe(3 * 2 * 64 * 2);
  });

  it("names a file cut inside its tensor data as truncated", async () => {
    const bytes = readFileSync(model);
    const cut = join(dir, "half.gguf");
    writeFileSync(cut, bytes.subarray(0, bytes.length - 1000));
    const err = await problemOf(cut);
    expect(err.problem).toBe("truncated");
    expect(err.message).toMatch(/^half\.gguf: the file is truncated/);
  });

  it("names a file cut inside its header as truncated", async () => {
    const cut = join(dir, "header.gguf");
    writeFileSync(cut, readFileSync(model).subarray(0, 5000));
    expect((await problemOf(cut)).problem).toBe("truncated");
  });

  it("rejects files that are not GGUF, and unknown versions", async () => {
    const txt = join(dir, "notes.gguf");
    writeFileSync(txt, "hello, this is not a model");
    expect((await problemOf(txt)).message).toMatch(/^notes\.gguf: is not a GGUF model file/);
    const empty = join(dir, "empty.gguf");
    writeFileSync(empty, "");
    expect((await problemOf(empty)).problem).toBe("not-gguf");
    const v9 = join(dir, "v9.gguf");
    const b = Buffer.from(readFileSync(model));
    b.writeUInt32LE(9, 4);
    writeFileSync(v9, b);
    expect((await problemOf(v9)).problem).toBe("unsupported-version");
    expect((await problemOf(join(dir, "absent.gguf"))).problem).toBe("not-found");
  });

  it("names a damaged header (an impossible count, an impossible string length) as corrupt, without reading on", async () => {
    const counts = Buffer.from(readFileSync(model));
    counts.writeBigUInt64LE(1n << 40n, 8); // tensor count
    writeFileSync(join(dir, "counts.gguf"), counts);
    const a = await problemOf(join(dir, "counts.gguf"));
    expect([a.problem, a.message]).toEqual(["corrupt", expect.stringMatching(/^counts\.gguf: implausible tensor count/)]);
    const key = Buffer.from(readFileSync(model));
    key.writeBigUInt64LE(1n << 40n, 24); // the first metadata key's length
    writeFileSync(join(dir, "key.gguf"), key);
    expect((await problemOf(join(dir, "key.gguf"))).problem).toBe("corrupt");
  });

  it("reports the metadata under GGUF's own dotted keys, token lists left out", async () => {
    const s = await inspectGguf(model);
    expect(s.metadata["general.architecture"]).toBe("llama");
    expect(s.metadata["llama.attention.head_count_kv"]).toBe(2);
    expect(s.metadata["tokenizer.ggml.tokens"]).toBeUndefined();
    expect(s.kvCount).toBeGreaterThan(10);
  });

  it("rejects architectures the runtime does not support", async () => {
    const alien = join(dir, "alien.gguf");
    writeTestModel(alien, { architecture: "frobnicator" });
    const err = await problemOf(alien);
    expect(err.problem).toBe("unsupported-architecture");
    expect(err.message).toContain('"frobnicator"');
  });
});

describe("model library", () => {
  it("lists a valid GGUF the writer adds, refuses a bad one, and hides files that disappeared", async () => {
    const lib = new ModelLibrary(join(dir, "appdata1"));
    const copy = join(dir, "My Model.gguf");
    writeFileSync(copy, readFileSync(model));
    const entry = await lib.addExisting(copy);
    expect(entry).toMatchObject({ origin: "imported", architecture: "llama", contextLength: 4096, hasChatTemplate: true, fileType: "ALL_F32" });
    const bad = join(dir, "bad.gguf");
    writeFileSync(bad, "nope");
    await expect(lib.addExisting(bad)).rejects.toThrow(/bad\.gguf: is not a GGUF/);
    expect((await lib.list()).map((m) => m.id)).toEqual([entry.id]);
    rmSync(copy);
    expect(await lib.list()).toEqual([]);
  });

  it("downloads a catalog model into the data folder and lists it only once verified", async () => {
    const bytes = readFileSync(model);
    const server = createServer((_req, res) => res.writeHead(200, { "content-length": bytes.length }).end(bytes));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tiny.gguf`;
      const entry: CatalogEntry = {
        id: "tiny", name: "Tiny", url, fileName: "tiny.gguf", sizeBytes: bytes.length, approxSizeGb: bytes.length / 1e9,
        sha256: createHash("sha256").update(bytes).digest("hex"), quantisation: "F32", parameters: "1M",
        contextLength: 4096, licence: "test", minVramGb: 0.1, source: "test",
      };
      const lib = new ModelLibrary(join(dir, "appdata2"));
      const listed = await lib.download(entry, { freeSpace: async () => 1e12 }).done;
      expect(listed.path.startsWith(lib.modelsDir)).toBe(true);
      expect((await lib.list()).map((m) => m.id)).toEqual(["tiny"]);
      const wrong = await lib.download({ ...entry, id: "wrong", fileName: "wrong.gguf", sha256: "f".repeat(64) }, { freeSpace: async () => 1e12 }).done.catch((e: unknown) => e);
      expect((wrong as Error).message).toMatch(/does not match/);
      expect((await lib.list()).map((m) => m.id)).toEqual(["tiny"]);
      await lib.remove("tiny");
      expect(await lib.list()).toEqual([]);
    } finally {
      server.close();
    }
  });
});

describe("model catalog", () => {
  it("models/catalog.json is valid, and entries without a published hash are marked unverified", async () => {
    const { loadCatalog } = await import("../../../electron/node/models/catalog");
    const catalog = await loadCatalog(join(process.cwd(), "models", "catalog.json"));
    expect(catalog.models.length).toBeGreaterThanOrEqual(3);
    for (const m of catalog.models) {
      if (!m.sha256) expect(m.unverified).toBe(true);
      expect(m.url.endsWith(m.fileName)).toBe(true);
    }
    expect(new Set(catalog.models.map((m) => m.id)).size).toBe(catalog.models.length);
  });
});
