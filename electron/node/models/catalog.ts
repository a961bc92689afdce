/**
 * The curated model catalog (models/catalog.json at the repository root): instruction-tuned
 * GGUF models suited to long-form writing. Entries whose size or hash could not be confirmed
 * from the publisher are marked `unverified`; their downloads are kept only after a hash is
 * known and matches.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";

export const CatalogEntry = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/),
  name: z.string(),
  /** Direct download URL of the GGUF file. */
  url: z.string().url(),
  fileName: z.string().regex(/\.gguf$/),
  /** Exact bytes, when the host publishes them; the download must match. */
  sizeBytes: z.number().int().positive().optional(),
  /** Size as shown by the host (rounded, decimal GB); used for the disk-space check. */
  approxSizeGb: z.number().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  quantisation: z.string(),
  parameters: z.string(),
  contextLength: z.number().int().positive(),
  licence: z.string(),
  /** Rough VRAM for full GPU offload with an 8K context. */
  minVramGb: z.number().positive(),
  /** Where size/hash/licence were read. */
  source: z.string(),
  unverified: z.boolean().optional(),
  notes: z.string().optional(),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const Catalog = z.object({ version: z.literal(1), models: z.array(CatalogEntry) });
export type Catalog = z.infer<typeof Catalog>;

export async function loadCatalog(path: string): Promise<Catalog> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (err) {
    throw new Error(`${path}: cannot read the model catalog (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = Catalog.safeParse(raw);
  if (!parsed.success) throw new Error(`${path}: invalid model catalog: ${parsed.error.message}`);
  return parsed.data;
}
