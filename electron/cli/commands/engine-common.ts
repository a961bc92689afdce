/** Shared by `quire plan`, `quire draft` and `quire eval`: reading briefs and bibles, assembling documents, the stable JSON. */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { scanBibleFiles } from "../../node/store/project-files";
import { ProjectPaths } from "../../node/store/project-paths";
import { parseBrief, planToJson, type Brief, type BriefBibleEntry, type Plan, type PlanJson, type UnitRecord } from "../../engine/index";

export async function readBriefFile(path: string): Promise<Brief> {
  let source: string;
  try {
    source = await readFile(resolve(path), "utf8");
  } catch (error) {
    throw new Error(`${path}: cannot read the brief (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseBrief(source, path);
}

/**
 * Bible entries from a project's bible/*.md, read as the studio reads them (the store's reader:
 * its front-matter splitter, its schema field by field). A file it cannot read is skipped; the
 * studio lists it as a problem.
 */
export async function readProjectBible(projectDir: string): Promise<BriefBibleEntry[]> {
  // `quire draft --project DIR` may name a folder the run is about to create: no folder, no bible
  const paths = await ProjectPaths.of(projectDir).catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return null;
    throw e;
  });
  if (!paths) return [];
  const scan = await scanBibleFiles(paths);
  return scan.files.map(({ value: b }) => ({ name: b.name, kind: b.kind, aliases: b.aliases, attributes: b.attributes }));
}

/** The document: title, then headings for each level as it opens, then each unit's text. */
export function assembleMarkdown(plan: Plan, texts: Map<string, string>): string {
  const parts: string[] = [`# ${plan.title}`];
  const opened = new Set<string>();
  for (const u of plan.units) {
    if (u.isLeaf) {
      const text = texts.get(u.id);
      parts.push(`${"#".repeat(Math.min(6, u.depth + 2))} ${u.heading}`);
      if (text !== undefined) parts.push(text.trim());
    } else if (!opened.has(u.id)) {
      opened.add(u.id);
      parts.push(`${"#".repeat(Math.min(6, u.depth + 2))} ${u.heading}`);
    }
  }
  return `${parts.join("\n\n")}\n`;
}

export interface DraftJsonUnit {
  index: number;
  path: string[];
  heading: string;
  targetWords: number;
  words: number;
  /** why the run could not draft the unit (it has no text) */
  failed?: string;
  obligations: { text: string; met: boolean | null }[];
}

export interface DraftJson {
  schemaVersion: 1;
  countUnit: "words" | "characters";
  targetWords: number;
  units: DraftJsonUnit[];
  words: number;
  tokens: number;
  seconds: number;
}

/** `failed`: units the run could not draft, with why (listed as `"failed"` on the unit). */
export function draftToJson(plan: Plan, records: Map<string, UnitRecord>, tokens: number, seconds: number, failed: Map<string, string> = new Map()): DraftJson {
  const base: PlanJson = planToJson(plan);
  const leaves = plan.units.filter((u) => u.isLeaf);
  const units = base.units.map((u, i) => {
    const leaf = leaves[i]!;
    const record = records.get(leaf.id);
    return {
      index: u.index,
      path: u.path,
      heading: u.heading,
      targetWords: u.targetWords,
      words: record?.words ?? 0,
      ...(failed.has(leaf.id) && !record ? { failed: failed.get(leaf.id)! } : {}),
      obligations: leaf.obligations.map((id) => {
        const ob = plan.obligations.find((o) => o.id === id)!;
        const check = record?.obligations.find((c) => c.obligationId === id);
        return { text: ob.text, met: check ? check.met : null };
      }),
    };
  });
  return {
    schemaVersion: 1,
    countUnit: base.countUnit,
    targetWords: base.targetWords,
    units,
    words: units.reduce((a, u) => a + u.words, 0),
    tokens,
    seconds: Math.round(seconds * 10) / 10,
  };
}
