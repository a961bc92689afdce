/**
 * `quire export PROJECT --format md|docx --out FILE [--profile NAME | --preset manuscript|reading]
 *  [--layout single|per-chapter] [--page A4|Letter] [--overwrite]`
 */
import { parseCommandArgs, UsageError } from "../args";

export const summary =
  "export a project: quire export PROJECT --format md|docx --out FILE [--profile NAME | --preset manuscript|reading] [--layout single|per-chapter] [--page A4|Letter] [--overwrite]";

export async function run(argv: string[]): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseCommandArgs(argv, {
      format: { type: "string" },
      out: { type: "string" },
      profile: { type: "string" },
      preset: { type: "string" },
      layout: { type: "string" },
      page: { type: "string" },
      overwrite: { type: "boolean" },
    }));
    if (!positionals[0] || !values.out) throw new UsageError("PROJECT and --out are required");
    if (values.format && values.format !== "md" && values.format !== "docx") throw new UsageError(`--format must be md or docx, not "${values.format}"`);
    if (values.preset && values.preset !== "manuscript" && values.preset !== "reading") throw new UsageError(`--preset must be manuscript or reading, not "${values.preset}"`);
    if (values.layout && values.layout !== "single" && values.layout !== "per-chapter") throw new UsageError(`--layout must be single or per-chapter`);
    if (values.page && values.page !== "A4" && values.page !== "Letter") throw new UsageError(`--page must be A4 or Letter`);
    if (values.profile && values.preset) throw new UsageError("--profile and --preset exclude each other");
  } catch (error) {
    process.stderr.write(`quire export: ${error instanceof Error ? error.message : String(error)}\nusage: ${summary.split(": ")[1]}\n`);
    return 2;
  }
  const { readProjectData } = await import("../../node/store/project-files");
  const { defaultExportProfile, exportProject, readExportProfiles } = await import("../../node/export/index");
  try {
    const project = await readProjectData(positionals[0]);
    for (const p of project.problems) process.stderr.write(`warning: ${p.file}: ${p.message}\n`);
    let profile;
    if (values.profile) {
      profile = (await readExportProfiles(positionals[0])).find((p) => p.name === values.profile);
      if (!profile) throw new Error(`no export profile named "${values.profile}" in ${positionals[0]}`);
      if (values.format && values.format !== profile.format) profile = { ...profile, format: values.format as "md" | "docx" };
    } else {
      const format = (values.format ?? (/\.docx$/i.test(values.out) ? "docx" : "md")) as "md" | "docx";
      profile = defaultExportProfile(project.meta.levels, format, (values.preset ?? "manuscript") as "manuscript" | "reading");
    }
    if (values.layout) profile = { ...profile, layout: values.layout as "single" | "per-chapter" };
    if (values.page) profile = { ...profile, docx: { ...profile.docx, pageSize: values.page as "A4" | "Letter" } };
    const written = await exportProject(project, profile, values.out, { overwrite: values.overwrite === true });
    for (const f of written) process.stdout.write(`${f}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`quire export: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
