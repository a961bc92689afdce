/**
 * `quire export PROJECT --format md|docx --out FILE [--profile NAME | --preset manuscript|reading]
 *  [--layout single|per-chapter] [--page A4|Letter] [--overwrite]`
 */
import { oneOf, parseCommandArgs, UsageError } from "../args";

export const summary =
  "export a project: quire export PROJECT --format md|docx --out FILE [--profile NAME | --preset manuscript|reading] [--layout single|per-chapter] [--page A4|Letter] [--overwrite]";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: "string" },
    out: { type: "string" },
    profile: { type: "string" },
    preset: { type: "string" },
    layout: { type: "string" },
    page: { type: "string" },
    overwrite: { type: "boolean" },
  });
  if (!positionals[0] || !values.out) throw new UsageError("PROJECT and --out are required");
  const format = oneOf("format", values.format, ["md", "docx"]);
  const preset = oneOf("preset", values.preset, ["manuscript", "reading"]);
  const layout = oneOf("layout", values.layout, ["single", "per-chapter"]);
  const page = oneOf("page", values.page, ["A4", "Letter"]);
  if (values.profile && preset) throw new UsageError("--profile and --preset exclude each other");
  const { readProjectData } = await import("../../node/store/project-files");
  const { defaultExportProfile, exportProject, readExportProfiles } = await import("../../node/export/index");
  try {
    const project = await readProjectData(positionals[0]);
    for (const p of project.problems) process.stderr.write(`warning: ${p.file}: ${p.message}\n`);
    let profile;
    if (values.profile) {
      profile = (await readExportProfiles(positionals[0])).find((p) => p.name === values.profile);
      if (!profile) throw new Error(`no export profile named "${values.profile}" in ${positionals[0]}`);
      if (format && format !== profile.format) profile = { ...profile, format };
    } else {
      profile = defaultExportProfile(project.meta.levels, format ?? (/\.docx$/i.test(values.out) ? "docx" : "md"), preset ?? "manuscript");
    }
    if (layout) profile = { ...profile, layout };
    if (page) profile = { ...profile, docx: { ...profile.docx, pageSize: page } };
    const written = await exportProject(project, profile, values.out, { overwrite: values.overwrite === true });
    for (const f of written) process.stdout.write(`${f}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`quire export: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
