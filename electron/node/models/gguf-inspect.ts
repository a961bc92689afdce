/**
 * Reads and validates a GGUF file's header without loading the model: magic, version, counts,
 * metadata, tensor table, and whether the file holds all the tensor data the table promises.
 * Every failure names the file and says what is wrong in words a writer can act on.
 */
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import * as nlc from "node-llama-cpp";

export type GgufProblem = "not-found" | "not-gguf" | "unsupported-version" | "truncated" | "corrupt" | "unsupported-architecture";

export class GgufInspectError extends Error {
  constructor(
    readonly problem: GgufProblem,
    readonly file: string,
    message: string,
  ) {
    super(`${basename(file)}: ${message}`);
    this.name = "GgufInspectError";
  }
}

export interface GgufSummary {
  file: string;
  fileSize: number;
  version: number;
  tensorCount: number;
  kvCount: number;
  architecture: string;
  name?: string;
  /** Total weights, from the tensor table. */
  parameters: number;
  /** llama.cpp file type id and name, e.g. 15 / "MOSTLY_Q4_K_M". */
  fileType?: number;
  fileTypeName?: string;
  contextLength: number;
  blockCount?: number;
  embeddingLength?: number;
  headCount?: number;
  headCountKv?: number;
  /** f16 KV cache bytes per token per sequence. */
  kvBytesPerToken?: number;
  chatTemplate?: string;
  /** Byte offset where tensor data ends; equals the needed file size. */
  dataEnd: number;
  metadata: Record<string, unknown>;
}

const MAGIC = 0x46554747;
const MAX_COUNT = 1e7; // anything larger is a corrupt header, not a model

/** [bytes per block, elements per block] for ggml tensor types. */
const GGML_TYPE_SIZE: Record<number, [number, number]> = {
  0: [4, 1], 1: [2, 1], 2: [18, 32], 3: [20, 32], 6: [22, 32], 7: [24, 32], 8: [34, 32], 9: [36, 32],
  10: [84, 256], 11: [110, 256], 12: [144, 256], 13: [176, 256], 14: [210, 256], 15: [292, 256],
  16: [66, 256], 17: [74, 256], 18: [98, 256], 19: [50, 256], 20: [18, 32], 21: [110, 256], 22: [82, 256],
  23: [136, 256], 24: [1, 1], 25: [2, 1], 26: [4, 1], 27: [8, 1], 28: [8, 1], 29: [56, 256], 30: [2, 1],
  34: [54, 256], 35: [66, 256], 39: [17, 32],
};

class NeedMore extends Error {}

class Cursor {
  pos = 0;
  constructor(private readonly buf: Buffer) {}
  private need(n: number) {
    if (this.pos + n > this.buf.length) throw new NeedMore();
  }
  u8() { this.need(1); return this.buf.readUInt8(this.pos++); }
  i8() { this.need(1); return this.buf.readInt8(this.pos++); }
  u16() { this.need(2); const v = this.buf.readUInt16LE(this.pos); this.pos += 2; return v; }
  i16() { this.need(2); const v = this.buf.readInt16LE(this.pos); this.pos += 2; return v; }
  u32() { this.need(4); const v = this.buf.readUInt32LE(this.pos); this.pos += 4; return v; }
  i32() { this.need(4); const v = this.buf.readInt32LE(this.pos); this.pos += 4; return v; }
  f32() { this.need(4); const v = this.buf.readFloatLE(this.pos); this.pos += 4; return v; }
  f64() { this.need(8); const v = this.buf.readDoubleLE(this.pos); this.pos += 8; return v; }
  u64() { this.need(8); const v = this.buf.readBigUInt64LE(this.pos); this.pos += 8; return v; }
  i64() { this.need(8); const v = this.buf.readBigInt64LE(this.pos); this.pos += 8; return v; }
  count(what: string, file: string): number {
    const v = this.u64();
    if (v > BigInt(MAX_COUNT)) throw new GgufInspectError("corrupt", file, `implausible ${what} (${v}); the header is damaged`);
    return Number(v);
  }
  str(file: string) {
    const n = this.count("string length", file);
    this.need(n);
    const s = this.buf.toString("utf8", this.pos, this.pos + n);
    this.pos += n;
    return s;
  }
}

function readValue(c: Cursor, type: number, file: string, keepArrays: boolean): unknown {
  switch (type) {
    case 0: return c.u8();
    case 1: return c.i8();
    case 2: return c.u16();
    case 3: return c.i16();
    case 4: return c.u32();
    case 5: return c.i32();
    case 6: return c.f32();
    case 7: return c.u8() !== 0;
    case 8: return c.str(file);
    case 9: {
      const elemType = c.u32();
      const n = c.count("array length", file);
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) {
        const v = readValue(c, elemType, file, false);
        if (keepArrays) out.push(v);
      }
      return keepArrays ? out : { length: n };
    }
    case 10: return c.u64();
    case 11: return c.i64();
    case 12: return c.f64();
    default:
      throw new GgufInspectError("corrupt", file, `unknown metadata value type ${type}; the header is damaged`);
  }
}

const SUPPORTED_ARCHITECTURES: ReadonlySet<string> = new Set(Object.values((nlc as unknown as { GgufArchitectureType: Record<string, string> }).GgufArchitectureType));
const FILE_TYPE_NAMES = (nlc as unknown as { GgufFileType: Record<number, string> }).GgufFileType;

export function isSupportedArchitecture(arch: string): boolean {
  return SUPPORTED_ARCHITECTURES.has(arch);
}

export async function inspectGguf(file: string): Promise<GgufSummary> {
  let fileSize: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new GgufInspectError("not-found", file, "is not a file");
    fileSize = st.size;
  } catch (err) {
    if (err instanceof GgufInspectError) throw err;
    throw new GgufInspectError("not-found", file, "file not found or not readable");
  }
  const fh = await open(file, "r");
  try {
    // Headers are usually < 10 MB (the vocabulary dominates); read more only when needed.
    let want = Math.min(fileSize, 4 * 1024 * 1024);
    for (;;) {
      const buf = Buffer.alloc(want);
      await fh.read(buf, 0, want, 0);
      try {
        return parse(buf, file, fileSize);
      } catch (err) {
        if (!(err instanceof NeedMore)) throw err;
        if (want >= fileSize) {
          throw new GgufInspectError(
            "truncated",
            file,
            `the file ends inside its header (${fileSize} bytes); it is truncated — download or copy it again`,
          );
        }
        want = Math.min(fileSize, want * 4);
      }
    }
  } finally {
    await fh.close();
  }
}

function parse(buf: Buffer, file: string, fileSize: number): GgufSummary {
  const c = new Cursor(buf);
  if (buf.length < 4 || buf.readUInt32LE(0) !== MAGIC) {
    throw new GgufInspectError("not-gguf", file, "is not a GGUF model file (it does not start with the GGUF signature)");
  }
  c.pos = 4;
  const version = c.u32();
  if (version < 2 || version > 3) throw new GgufInspectError("unsupported-version", file, `GGUF version ${version} is not supported (expected 2 or 3)`);
  const tensorCount = c.count("tensor count", file);
  const kvCount = c.count("metadata count", file);
  const metadata: Record<string, unknown> = {};
  for (let i = 0; i < kvCount; i++) {
    const key = c.str(file);
    const type = c.u32();
    // token lists are large and not needed here; keep only their length
    metadata[key] = readValue(c, type, file, !key.startsWith("tokenizer.ggml."));
  }
  let parameters = 0;
  let dataSize = 0;
  for (let i = 0; i < tensorCount; i++) {
    c.str(file);
    const nDims = c.u32();
    if (nDims > 8) throw new GgufInspectError("corrupt", file, `tensor ${i} has ${nDims} dimensions; the header is damaged`);
    let elements = 1;
    for (let d = 0; d < nDims; d++) elements *= Number(c.u64());
    const type = c.u32();
    const offset = Number(c.u64());
    parameters += elements;
    const size = GGML_TYPE_SIZE[type];
    const bytes = size ? Math.ceil(elements / size[1]) * size[0] : 0;
    dataSize = Math.max(dataSize, offset + bytes);
  }
  const alignment = typeof metadata["general.alignment"] === "number" ? (metadata["general.alignment"] as number) : 32;
  const dataStart = Math.ceil(c.pos / alignment) * alignment;
  const dataEnd = dataStart + dataSize;
  if (dataEnd > fileSize) {
    throw new GgufInspectError(
      "truncated",
      file,
      `the file is truncated: its tensors need ${dataEnd} bytes but the file has ${fileSize} — download or copy it again`,
    );
  }
  const arch = metadata["general.architecture"];
  if (typeof arch !== "string") throw new GgufInspectError("corrupt", file, "has no general.architecture; it is not a usable model");
  if (!isSupportedArchitecture(arch)) {
    throw new GgufInspectError("unsupported-architecture", file, `model architecture "${arch}" is not supported by this version of Quire's runtime`);
  }
  const num = (k: string) => (typeof metadata[k] === "number" ? (metadata[k] as number) : undefined);
  const blockCount = num(`${arch}.block_count`);
  const embd = num(`${arch}.embedding_length`);
  const heads = num(`${arch}.attention.head_count`);
  const kvHeads = num(`${arch}.attention.head_count_kv`) ?? heads;
  const keyLen = num(`${arch}.attention.key_length`);
  const valLen = num(`${arch}.attention.value_length`);
  const headDim = embd && heads ? embd / heads : undefined;
  const kvBytesPerToken =
    blockCount && kvHeads && (keyLen ?? headDim) ? blockCount * kvHeads * ((keyLen ?? headDim!) + (valLen ?? headDim!)) * 2 : undefined;
  const fileType = num("general.file_type");
  const summary: GgufSummary = {
    file,
    fileSize,
    version,
    tensorCount,
    kvCount,
    architecture: arch,
    parameters,
    contextLength: num(`${arch}.context_length`) ?? 0,
    dataEnd,
    metadata,
  };
  if (typeof metadata["general.name"] === "string") summary.name = metadata["general.name"] as string;
  if (fileType !== undefined) {
    summary.fileType = fileType;
    const n = FILE_TYPE_NAMES[fileType];
    if (n) summary.fileTypeName = n;
  }
  if (blockCount !== undefined) summary.blockCount = blockCount;
  if (embd !== undefined) summary.embeddingLength = embd;
  if (heads !== undefined) summary.headCount = heads;
  if (kvHeads !== undefined) summary.headCountKv = kvHeads;
  if (kvBytesPerToken !== undefined) summary.kvBytesPerToken = kvBytesPerToken;
  if (typeof metadata["tokenizer.chat_template"] === "string") summary.chatTemplate = metadata["tokenizer.chat_template"] as string;
  return summary;
}
