/**
 * Reads and validates a GGUF file's header without loading the model. The metadata and the
 * tensor table are read by node-llama-cpp's own parser (`readGgufFileInfo`, the one its runtime
 * uses, so Quire and the runtime see the same facts). Quire keeps three checks of its own, for
 * what that parser does not give:
 *   - the preamble (magic, version, counts): readGgufFileInfo accepts any version number and any
 *     count, so a version-9 file or a damaged count would get far before failing, or not fail;
 *   - truncation: readGgufFileInfo reads past the end of a cut file without complaint; the header
 *     end it reports and the end of the tensor data (from each tensor's type, whose byte sizes
 *     node-llama-cpp does not export) are compared with the file's size;
 *   - parameters: counted from the tensor table here, because GgufInsights (which also counts
 *     them) loads llama.cpp's native addon, and this runs in the backend, not the model host.
 * Every failure names the file and says what is wrong in words a writer can act on.
 */
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import * as nlc from "node-llama-cpp";
import { readGgufFileInfo, type GgufFileInfo } from "node-llama-cpp";

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
const PREAMBLE_BYTES = 24;
const MAX_COUNT = 1e7; // anything larger is a corrupt header, not a model
/** Token lists are large and not needed here; the runtime reads them itself. */
const SKIPPED_KEYS = ["tokenizer.ggml.tokens", "tokenizer.ggml.scores", "tokenizer.ggml.token_type", "tokenizer.ggml.merges"];

/** [bytes per block, elements per block] for ggml tensor types (llama.cpp's ggml type traits). */
const GGML_TYPE_SIZE: Record<number, [number, number]> = {
  0: [4, 1], 1: [2, 1], 2: [18, 32], 3: [20, 32], 6: [22, 32], 7: [24, 32], 8: [34, 32], 9: [36, 32],
  10: [84, 256], 11: [110, 256], 12: [144, 256], 13: [176, 256], 14: [210, 256], 15: [292, 256],
  16: [66, 256], 17: [74, 256], 18: [98, 256], 19: [50, 256], 20: [18, 32], 21: [110, 256], 22: [82, 256],
  23: [136, 256], 24: [1, 1], 25: [2, 1], 26: [4, 1], 27: [8, 1], 28: [8, 1], 29: [56, 256], 30: [2, 1],
  34: [54, 256], 35: [66, 256], 39: [17, 32],
};

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
  const { version, tensorCount, kvCount } = await readPreamble(file, fileSize);
  let info: GgufFileInfo;
  try {
    info = await readGgufFileInfo(file, { sourceType: "filesystem", logWarnings: false, ignoreKeys: SKIPPED_KEYS, spliceSplitFiles: false });
  } catch (err) {
    throw new GgufInspectError("corrupt", file, `its header cannot be read (${err instanceof Error ? err.message : String(err)}); the file is damaged`);
  }
  if ((info.infoEndOffset ?? 0) > fileSize) {
    throw new GgufInspectError("truncated", file, `the file ends inside its header (${fileSize} bytes); it is truncated — download or copy it again`);
  }
  let parameters = 0;
  let dataEnd = info.infoEndOffset ?? 0;
  for (const t of info.fullTensorInfo ?? []) {
    const elements = t.dimensions.reduce<number>((n, d) => n * Number(d), 1);
    parameters += elements;
    const size = GGML_TYPE_SIZE[t.ggmlType];
    const bytes = size ? Math.ceil(elements / size[1]) * size[0] : 0;
    dataEnd = Math.max(dataEnd, Number(t.fileOffset) + bytes);
  }
  if (dataEnd > fileSize) {
    throw new GgufInspectError(
      "truncated",
      file,
      `the file is truncated: its tensors need ${dataEnd} bytes but the file has ${fileSize} — download or copy it again`,
    );
  }
  const metadata = flatten(info.metadata as unknown as Record<string, unknown>);
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

/** Magic, version and the two counts: what readGgufFileInfo does not check. */
async function readPreamble(file: string, fileSize: number): Promise<{ version: number; tensorCount: number; kvCount: number }> {
  const buf = Buffer.alloc(PREAMBLE_BYTES);
  const fh = await open(file, "r");
  try {
    await fh.read(buf, 0, PREAMBLE_BYTES, 0);
  } finally {
    await fh.close();
  }
  if (fileSize < 4 || buf.readUInt32LE(0) !== MAGIC) {
    throw new GgufInspectError("not-gguf", file, "is not a GGUF model file (it does not start with the GGUF signature)");
  }
  if (fileSize < PREAMBLE_BYTES) throw new GgufInspectError("truncated", file, `the file ends inside its header (${fileSize} bytes); it is truncated — download or copy it again`);
  const version = buf.readUInt32LE(4);
  if (version < 2 || version > 3) throw new GgufInspectError("unsupported-version", file, `GGUF version ${version} is not supported (expected 2 or 3)`);
  const count = (offset: number, what: string) => {
    const v = buf.readBigUInt64LE(offset);
    if (v > BigInt(MAX_COUNT)) throw new GgufInspectError("corrupt", file, `implausible ${what} (${v}); the header is damaged`);
    return Number(v);
  };
  return { version, tensorCount: count(8, "tensor count"), kvCount: count(16, "metadata count") };
}

/** node-llama-cpp's nested metadata ({ general: { architecture } }) as GGUF's own dotted keys ("general.architecture"). */
function flatten(nested: Record<string, unknown>, prefix = "", out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(nested)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === "object" && !Array.isArray(v)) flatten(v as Record<string, unknown>, key, out);
    else out[key] = v;
  }
  return out;
}
