import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ProjectData, Unit } from "../../../electron/shared/domain/project";
import { ProjectFileError } from "../../../electron/node/store/errors";
import {
  parseBibleText,
  parseFrontMatter,
  parseUnitText,
  readProjectData,
  serializeBibleEntry,
  serializeUnit,
  unitFileName,
  writeNewProject,
} from "../../../electron/node/store/project-files";
import { newProjectMeta } from "../../../electron/node/store/project-meta";
import { useTmpDirs } from "./tmp-dir";

const tmp = useTmpDirs();

function unit(id: string, parentId: string | null, order: number, title: string, body = `Text of ${title}.\n`): Unit {
  return { id, parentId, level: parentId ? 1 : 0, order, title, synopsis: "", targetWords: null, status: "draft", notes: "", body };
}

function sample(): ProjectData {
  return {
    meta: newProjectMeta({ title: "The Salt Road", author: "A. Writer", language: "en-GB", levels: ["Part", "Chapter"] }),
    units: [
      unit("p1", null, 0, "Part One"),
      unit("c1", "p1", 0, "Arrival", "It was *late*.\n\n---\n\nNext: `code` — 東京 🌊\n"),
      unit("c2", "p1", 1, "Departure"),
      unit("p2", null, 1, "Part Two: \"Quotes\" & colons"),
      unit("c3", "p2", 0, "Return"),
    ],
    bible: [{ id: "b1", kind: "character", name: "Mara", aliases: ["the salt-wife"], attributes: { eyes: "green", born: "1871" }, notes: "Keeps bees.\n" }],
  };
}

async function newProject(data = sample()): Promise<string> {
  const dir = join(await tmp(), "The Salt Road.quire");
  await writeNewProject(dir, data);
  return dir;
}

describe("unit codec", () => {
  it("round-trips meta and body exactly, including awkward text", () => {
    const bodies = ["", "\n", "\n\nleading blank lines", "---\nlooks like front matter\n---\n", "no newline at end", "CRLF\r\nline\r\n", "東京 🌊 \u200b"];
    for (const body of bodies) {
      const u = { ...unit("x1", "p", 3, "Title: with colon # and 'quotes' and \"more\""), synopsis: "Two\nlines", notes: "yes", body, targetWords: 1200, status: "revised" as const };
      const parsed = parseUnitText(serializeUnit(u), "t-x1.md");
      expect(parsed.value).toEqual(u);
      expect(parsed.warnings).toEqual([]);
    }
  });

  it("keeps front matter keys it does not know when rewriting", () => {
    const text = "---\nid: a1\ntitle: One\ntags: [draft, dark]\n---\n\nBody\n";
    const parsed = parseUnitText(text, "one-a1.md");
    expect(parsed.extra).toEqual({ tags: ["draft", "dark"] });
    const again = parseUnitText(serializeUnit(parsed.value, parsed.extra), "one-a1.md");
    expect(again.extra).toEqual({ tags: ["draft", "dark"] });
    expect(again.value.body).toBe("Body\n");
  });

  it("replaces one bad field with its default and says which", () => {
    const parsed = parseUnitText("---\nid: a1\ntitle: 1984\nstatus: wip\ntargetWords: lots\n---\nBody", "x.md");
    expect(parsed.value.title).toBe("1984");
    expect(parsed.value.status).toBe("draft");
    expect(parsed.value.targetWords).toBeNull();
    expect(parsed.value.body).toBe("Body");
    expect(parsed.warnings.join("\n")).toMatch(/"status" is invalid/);
    expect(parsed.warnings.join("\n")).toMatch(/"targetWords" is invalid/);
  });

  it("reads a plain Markdown file with no front matter, with a stable id from its name", () => {
    const a = parseUnitText("# Hello\n\nText", "my-notes.md");
    const b = parseUnitText("# Hello\n\nText", "my-notes.md");
    expect(a.value.id).toBe(b.value.id);
    expect(a.value.title).toBe("my notes");
    expect(a.value.body).toBe("# Hello\n\nText");
    expect(a.warnings[0]).toMatch(/no front matter/);
  });

  it("reads hand-edited files: BOM, CRLF, no blank line after the fence", () => {
    const parsed = parseUnitText("\uFEFF---\r\nid: a1\r\ntitle: One\r\n---\r\nBody\r\n", "x.md");
    expect(parsed.value.id).toBe("a1");
    expect(parsed.value.body).toBe("Body\r\n");
  });

  it("rejects broken YAML and unclosed front matter with a message", () => {
    expect(() => parseFrontMatter("---\ntitle: [unclosed\n---\nbody")).toThrow(/not valid YAML/);
    expect(() => parseFrontMatter("---\ntitle: x\nbody without fence")).toThrow(/never closed/);
    expect(() => parseFrontMatter("---\n- a\n- b\n---\nbody")).toThrow(/key: value/);
  });

  it("round-trips bible entries", () => {
    const entry = sample().bible[0]!;
    expect(parseBibleText(serializeBibleEntry(entry), "mara-b1.md").value).toEqual(entry);
  });
});

describe("writeNewProject / readProjectData", () => {
  it("writes the documented layout and reads the same project back", async () => {
    const data = sample();
    const dir = await newProject(data);
    expect((await readdir(dir)).sort()).toEqual([".quire", "bible", "brief.md", "manuscript", "proposals", "quire.json", "runs", "snapshots"]);
    expect(await readdir(join(dir, "manuscript"))).toContain("arrival-c1.md");
    const loaded = await readProjectData(dir);
    expect(loaded.problems).toEqual([]);
    expect(loaded.meta).toEqual(data.meta);
    expect(loaded.units).toEqual(data.units);
    expect(loaded.bible).toEqual(data.bible);
  });

  it("returns units in document order whatever the file names, at any depth", async () => {
    const units = [unit("z", null, 0, "Zed root"), unit("a", "z", 1, "Second child"), unit("m", "z", 0, "First child"), unit("d", "m", 0, "Grandchild"), unit("b", null, 1, "Second root")];
    const dir = await newProject({ ...sample(), units });
    expect((await readProjectData(dir)).units.map((u) => u.id)).toEqual(["z", "m", "d", "a", "b"]);
  });

  it("refuses to write into a folder that has files", async () => {
    const dir = await newProject();
    await expect(writeNewProject(dir, sample())).rejects.toThrow(ProjectFileError);
  });

  it("reports a corrupt quire.json as an error naming the file", async () => {
    const dir = await newProject();
    await writeFile(join(dir, "quire.json"), '{"schemaVersion": 1, "title": ');
    const error = await readProjectData(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectFileError);
    expect((error as Error).message).toContain(join(dir, "quire.json"));
    expect((error as Error).message).toMatch(/not valid JSON/);
  });

  it("names the bad field of an invalid quire.json, and refuses a newer format", async () => {
    const dir = await newProject();
    const meta = JSON.parse(await readFile(join(dir, "quire.json"), "utf8"));
    await writeFile(join(dir, "quire.json"), JSON.stringify({ ...meta, levels: "Chapter" }));
    await expect(readProjectData(dir)).rejects.toThrow(/quire\.json.*levels/);
    await writeFile(join(dir, "quire.json"), JSON.stringify({ ...meta, schemaVersion: 99 }));
    await expect(readProjectData(dir)).rejects.toThrow(/newer Quire/);
  });

  it("says a folder without quire.json is not a project", async () => {
    await expect(readProjectData(await tmp())).rejects.toThrow(/quire\.json.*not a Quire project/);
  });

  it("opens the rest of the project when unit files are broken, naming each bad file", async () => {
    const dir = await newProject();
    const m = join(dir, "manuscript");
    await writeFile(join(m, "junk.md"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff, 0xfe]));
    await writeFile(join(m, "latin1.md"), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    await writeFile(join(m, "broken.md"), "---\ntitle: [oops\n---\nThe words are still here.");
    await writeFile(join(m, "dup.md"), serializeUnit(unit("c1", null, 9, "Copy of Arrival")));
    await writeFile(join(m, "orphan.md"), serializeUnit(unit("o1", "gone", 0, "Orphan")));
    await writeFile(join(m, "notes.txt"), "not markdown, ignored");
    await mkdir(join(m, "folder.md"));
    const loaded = await readProjectData(dir);
    expect(loaded.units.map((u) => u.id)).toEqual(["p1", "c1", "c2", "p2", "c3", "o1"]);
    expect(loaded.units.find((u) => u.id === "o1")!.parentId).toBeNull();
    const byFile = Object.fromEntries(loaded.problems.map((p) => [p.file, p.message]));
    expect(Object.keys(byFile).sort()).toEqual(["manuscript/broken.md", "manuscript/dup.md", "manuscript/junk.md", "manuscript/latin1.md", "manuscript/orphan.md"]);
    expect(byFile["manuscript/junk.md"]).toMatch(/^manuscript\/junk\.md .*binary/);
    expect(byFile["manuscript/latin1.md"]).toMatch(/UTF-8/);
    expect(byFile["manuscript/broken.md"]).toMatch(/YAML/);
    expect(byFile["manuscript/dup.md"]).toMatch(/same id \(c1\) as manuscript\/arrival-c1\.md/);
    expect(byFile["manuscript/orphan.md"]).toMatch(/parent gone not found/);
    // nothing was rewritten: the broken file keeps the writer's words
    expect(await readFile(join(m, "broken.md"), "utf8")).toContain("The words are still here.");
  });

  it("ignores leftover temp files from an interrupted save", async () => {
    const dir = await newProject();
    await writeFile(join(dir, "manuscript", ".arrival-c1.md.123.1.tmp"), "half a save");
    const loaded = await readProjectData(dir);
    expect(loaded.problems).toEqual([]);
    expect(loaded.units).toHaveLength(5);
  });

  it("breaks a parent loop instead of hiding the units in it", async () => {
    const units = [unit("a", "b", 0, "A"), unit("b", "a", 0, "B"), unit("r", null, 0, "Root")];
    const dir = await newProject({ ...sample(), units });
    const loaded = await readProjectData(dir);
    expect(loaded.units.map((u) => u.id).sort()).toEqual(["a", "b", "r"]);
    expect(loaded.problems.some((p) => /loop/.test(p.message))).toBe(true);
  });

  it("names unit files <slug>-<id>.md", () => {
    expect(unitFileName({ id: "u12", title: "L'Été — Part 1!" })).toBe("lete-part-1-u12.md");
    expect(unitFileName({ id: "u12", title: "東京の夜" })).toBe("東京の夜-u12.md");
    expect(unitFileName({ id: "u12", title: "???" })).toBe("unit-u12.md");
  });
});
