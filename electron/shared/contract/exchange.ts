import { z } from "zod";
import { exportProfileSchema } from "../export/export-profile";
import { projectHandle } from "./common";
import { method } from "./define";
import { MAX_IMPORT_BASE64_CHARS, MAX_IMPORT_FILE_BYTES, MiB } from "./limits";
import { projectSummary } from "./projects";

/** A file the writer picked in the studio, sent as bytes: the renderer never sends paths. */
const upload = z.object({
  fileName: z
    .string()
    .min(1)
    .max(255)
    .refine((n) => !/[\\/\0]/.test(n) && n !== "." && n !== "..", "a file name, not a path"),
  // base64 is ASCII: one byte a character on the wire, so the frame limit counts it as such
  base64: z.base64("is not base64").max(MAX_IMPORT_BASE64_CHARS, `is over ${MiB(MAX_IMPORT_FILE_BYTES)}, the largest file Quire imports`),
});

const exportedName = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !/[\\/]|^\.\.?$/.test(n), "a file name inside the exports folder");

export const exchangeMethods = {
  "export.profiles": method(
    z.object({ handle: projectHandle }),
    z.object({ saved: z.array(exportProfileSchema), defaults: z.array(exportProfileSchema) }),
  ),
  "export.saveProfile": method(z.object({ handle: projectHandle, profile: exportProfileSchema }), z.object({})),
  /** Writes into the project's exports/ folder; an existing file is refused with "conflict" unless overwrite. */
  "export.run": method(
    z.object({ handle: projectHandle, profile: exportProfileSchema, overwrite: z.boolean().default(false) }),
    z.object({ folder: z.string(), files: z.array(z.object({ name: z.string(), bytes: z.number().int() })) }),
  ),
  /** The bytes of an exported file, for browser mode's download. */
  "export.download": method(
    z.object({ handle: projectHandle, name: exportedName }),
    z.object({ name: z.string(), mime: z.string(), base64: z.string() }),
  ),
  "import.preview": method(
    upload.extend({ splitLevel: z.number().int().min(1).max(6).default(2) }),
    z.object({
      title: z.string(),
      author: z.string(),
      format: z.string(),
      levels: z.array(z.string()),
      units: z.array(z.object({ title: z.string(), level: z.number().int(), words: z.number().int() })),
      notes: z.array(z.string()),
    }),
  ),
  "import.create": method(
    upload.extend({ splitLevel: z.number().int().min(1).max(6).default(2), title: z.string().trim().min(1).max(300).optional() }),
    projectSummary,
  ),
};
