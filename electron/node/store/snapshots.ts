/**
 * Snapshots of a unit: `snapshots/<unitId>/<snapshotId>.md`, Markdown with front matter
 * (so a writer can open one without Quire). Taken on demand and before anything replaces a
 * unit's text wholesale (an automated rewrite, a restore, a recovery, an outside edit in conflict).
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { snapshotId as snapshotIdSchema } from "../../shared/contract/common";
import type { CountUnit } from "../../shared/text/count-words";
import { countWordsInMarkdown } from "../../shared/markdown/plain-text";
import { writeFileAtomic, isTempFileName } from "./atomic-write";
import { NotFoundError } from "./errors";
import { parseFrontMatter, serializeFrontMatter } from "../../shared/markdown/front-matter";
import { checkId, newId } from "./ids";
import { MAX_TEXT_FILE_BYTES } from "./limits";
import { SNAPSHOTS_DIR, rel } from "./project-layout";
import type { ProjectPaths } from "./project-paths";

/** Why a snapshot was taken. Free text is allowed; these are the ones Quire itself uses. */
export type SnapshotReason =
  | "manual"
  | "before-rewrite"
  | "before-restore"
  | "before-recovery"
  | "recovery-set-aside"
  | "unsaved-edits-set-aside"
  | "external-change"
  | "before-external-change"
  | (string & {});

export interface SnapshotInfo {
  /** sortable by time: 20261129T155012345Z-xxxx */
  id: string;
  unitId: string;
  title: string;
  reason: SnapshotReason;
  createdAt: string;
  words: number;
}

export interface Snapshot extends SnapshotInfo {
  body: string;
}

const isSnapshotId = (id: string) => snapshotIdSchema.safeParse(id).success;

/** Every path here is built from a checked unit id and a checked snapshot id, and goes through the path guard. */
export class Snapshots {
  constructor(
    private readonly paths: ProjectPaths,
    private readonly countUnit: () => CountUnit,
  ) {}

  async create(unit: { id: string; title: string; body: string }, reason: SnapshotReason, now = new Date()): Promise<SnapshotInfo> {
    const id = `${now.toISOString().replace(/[-:.]/g, "")}-${newId("").slice(0, 6)}`;
    const info: SnapshotInfo = { id, unitId: unit.id, title: unit.title, reason, createdAt: now.toISOString(), words: countWordsInMarkdown(unit.body, this.countUnit()) };
    const dir = await this.paths.folder(rel(SNAPSHOTS_DIR, checkId("unit", unit.id)));
    await writeFileAtomic(join(dir, `${id}.md`), serializeFrontMatter({ ...info }, unit.body));
    return info;
  }

  /** Newest first. Unreadable snapshot files are skipped (they stay on disk). */
  async list(unitId: string): Promise<SnapshotInfo[]> {
    const folder = await this.paths.resolve(rel(SNAPSHOTS_DIR, checkId("unit", unitId)));
    const names = await readdir(folder).catch(() => [] as string[]);
    const out: SnapshotInfo[] = [];
    for (const name of names) {
      if (!name.endsWith(".md") || isTempFileName(name) || !isSnapshotId(name.slice(0, -3))) continue;
      const snap = await this.read(unitId, name.slice(0, -3)).catch(() => null);
      if (snap) {
        const { body: _body, ...info } = snap;
        out.push(info);
      }
    }
    return out.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  async read(unitId: string, snapshotId: string): Promise<Snapshot> {
    const file = rel(SNAPSHOTS_DIR, checkId("unit", unitId), `${snapshotId}.md`);
    if (!isSnapshotId(snapshotId)) throw new NotFoundError("snapshot", snapshotId);
    const text = await this.paths.read(file, MAX_TEXT_FILE_BYTES).then(
      (b) => b.toString("utf8"),
      (e: NodeJS.ErrnoException) => {
        if (e.code === "ENOENT" || e.code === "ENOTDIR" || e.code === "EISDIR") return null;
        throw e;
      },
    );
    if (text === null) throw new NotFoundError("snapshot", snapshotId);
    const { data, body } = parseFrontMatter(text);
    const d = data ?? {};
    return {
      id: snapshotId,
      unitId,
      title: typeof d.title === "string" ? d.title : "",
      reason: typeof d.reason === "string" ? d.reason : "manual",
      createdAt: typeof d.createdAt === "string" ? d.createdAt : "",
      words: typeof d.words === "number" ? d.words : countWordsInMarkdown(body, this.countUnit()),
      body,
    };
  }
}
