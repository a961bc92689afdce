/**
 * Export profiles are saved per project in `export-profiles.json` at the project's root:
 *   { "version": 1, "profiles": [ExportProfile, …] }   (names unique; see export-profile.ts)
 * A missing file means no saved profiles; a broken one is an error naming the file and the
 * problem, and never affects opening the project.
 */
import { z } from "zod";
import { writeFileAtomic } from "../store/atomic-write";
import { ProjectFileError } from "../store/errors";
import { parseJsonFile } from "../store/json-file";
import { ProjectPaths } from "../store/project-paths";
import { exportProfileSchema, type ExportProfile } from "../../shared/export/export-profile";

export const EXPORT_PROFILES_FILE = "export-profiles.json";
const MAX_PROFILES_BYTES = 4 * 1024 * 1024;

const PROFILES_FORMAT = 1;
const fileSchema = z.object({ version: z.literal(PROFILES_FORMAT), profiles: z.array(exportProfileSchema) });

/** Read through the project's path guard: a link leading outside is refused, never read. */
export async function readExportProfiles(projectDir: string): Promise<ExportProfile[]> {
  const paths = await ProjectPaths.of(projectDir);
  let text: string;
  try {
    text = (await paths.read(EXPORT_PROFILES_FILE, MAX_PROFILES_BYTES)).toString("utf8");
  } catch (e) {
    if (e instanceof ProjectFileError) throw e;
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new ProjectFileError(EXPORT_PROFILES_FILE, `cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  // JSON and the format version first (a newer Quire's file is refused, not misread), then each profile
  const json = parseJsonFile(text, EXPORT_PROFILES_FILE, { what: "a list of export profiles", schema: z.unknown(), version: { key: "version", current: PROFILES_FORMAT } });
  const r = fileSchema.safeParse(json);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new ProjectFileError(EXPORT_PROFILES_FILE, `is not a valid list of export profiles: ${issues}`, `${EXPORT_PROFILES_FILE}: ${issues}`);
  }
  return r.data.profiles;
}

/** Adds or replaces (by name) one profile. */
export async function saveExportProfile(projectDir: string, profile: ExportProfile): Promise<void> {
  const valid = exportProfileSchema.parse(profile);
  const profiles = (await readExportProfiles(projectDir)).filter((p) => p.name !== valid.name);
  profiles.push(valid);
  await writeProfiles(projectDir, profiles);
}

export async function deleteExportProfile(projectDir: string, name: string): Promise<void> {
  const profiles = (await readExportProfiles(projectDir)).filter((p) => p.name !== name);
  await writeProfiles(projectDir, profiles);
}

async function writeProfiles(projectDir: string, profiles: ExportProfile[]): Promise<void> {
  const file = await (await ProjectPaths.of(projectDir)).resolve(EXPORT_PROFILES_FILE);
  await writeFileAtomic(file, `${JSON.stringify({ version: PROFILES_FORMAT, profiles }, null, 2)}\n`);
}
