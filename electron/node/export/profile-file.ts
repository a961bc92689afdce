/**
 * Export profiles are saved per project in `export-profiles.json` at the project's root:
 *   { "version": 1, "profiles": [ExportProfile, …] }   (names unique; see export-profile.ts)
 * A missing file means no saved profiles; a broken one is an error naming the file and the
 * problem, and never affects opening the project.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { writeFileAtomic } from "../store/atomic-write";
import { exportProfileSchema, type ExportProfile } from "../../shared/export/export-profile";

export const EXPORT_PROFILES_FILE = "export-profiles.json";

const fileSchema = z.object({ version: z.literal(1), profiles: z.array(exportProfileSchema) });

export async function readExportProfiles(projectDir: string): Promise<ExportProfile[]> {
  const file = join(projectDir, EXPORT_PROFILES_FILE);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new Error(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const r = fileSchema.safeParse(json);
  if (!r.success) throw new Error(`${file}: ${r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`);
  return r.data.profiles;
}

/** Adds or replaces (by name) one profile. */
export async function saveExportProfile(projectDir: string, profile: ExportProfile): Promise<void> {
  const valid = exportProfileSchema.parse(profile);
  const profiles = (await readExportProfiles(projectDir)).filter((p) => p.name !== valid.name);
  profiles.push(valid);
  await writeFileAtomic(join(projectDir, EXPORT_PROFILES_FILE), `${JSON.stringify({ version: 1, profiles }, null, 2)}\n`);
}

export async function deleteExportProfile(projectDir: string, name: string): Promise<void> {
  const profiles = (await readExportProfiles(projectDir)).filter((p) => p.name !== name);
  await writeFileAtomic(join(projectDir, EXPORT_PROFILES_FILE), `${JSON.stringify({ version: 1, profiles }, null, 2)}\n`);
}
