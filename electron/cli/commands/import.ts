/**
 * `quire import FILE.md|FILE.docx|FILE.txt|FOLDER --out PROJECT [--split-level N] [--title T]
 *  [--author A] [--language TAG] [--dry-run]`: shows the units it creates, then writes a new
 * project folder. Bad input stops it before anything is written.
 */
import { parseCommandArgs, UsageError, wholeNumber } from "../args";

export const summary =
  "import a manuscript: quire import FILE.md|FILE.docx|FILE.txt|FOLDER --out PROJECT [--split-level N] [--title T] [--author A] [--language TAG] [--dry-run]";

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, {
    out: { type: "string" },
    "split-level": { type: "string" },
    title: { type: "string" },
    author: { type: "string" },
    language: { type: "string" },
    "dry-run": { type: "boolean" },
  });
  if (!positionals[0]) throw new UsageError("FILE is required");
  if (!values.out && !values["dry-run"]) throw new UsageError("--out PROJECT is required (or --dry-run)");
  const splitLevel = values["split-level"] === undefined ? undefined : wholeNumber("split-level", values["split-level"], 1, 1);
  if (splitLevel !== undefined && splitLevel > 6) throw new UsageError("--split-level must be a whole number from 1 to 6");
  const { previewImport, importToProjectData } = await import("../../node/import/index");
  try {
    const preview = await previewImport(positionals[0], { splitLevel, title: values.title, author: values.author, language: values.language });
    process.stdout.write(`${preview.title}: ${preview.units.length} units (${preview.levels.join(" / ")})\n`);
    for (const u of preview.units) process.stdout.write(`${"  ".repeat(u.level + 1)}${u.title} (${u.words} words)\n`);
    for (const n of preview.notes) process.stdout.write(`note: ${n}\n`);
    if (values["dry-run"]) return 0;
    const { writeImportedProject } = await import("../../node/import/write-imported-project");
    await writeImportedProject(values.out!, importToProjectData(preview));
    process.stdout.write(`created ${values.out}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`quire import: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
