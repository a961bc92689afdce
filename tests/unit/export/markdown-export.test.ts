import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultExportProfile, exportMarkdown } from "../../../electron/node/export/index";
import { headers, pandocJson } from "../../fixtures/pandoc-ast";
import { smallProject } from "./small-project";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("Markdown export", () => {
  it("heads parts and chapters, joins scenes with a scene break, drops provenance and renumbers footnotes", () => {
    const p = smallProject();
    const profile = defaultExportProfile(p.meta.levels, "md");
    expect(profile.chapterLevel).toBe(1);
    const [file] = exportMarkdown(p, profile);
    expect(file!.path).toBe("Small Hours.md");
    expect(file!.content).toBe(
      [
        "# Morning",
        "## The Letter",
        "She read it *twice*.[^1] The model added this.",
        "> A quoted line.",
        "***",
        "Then **nothing** at all, see [the map](https://example.com/map).",
        "- one\n- two",
        "1. first\n2. second",
        "## The Reply",
        "It came a week later.[^2]",
        "# Evening",
        "## Lamps",
        "Lamps burned.",
        "***",
        "And went out.",
        "[^1]: The first note.",
        "[^2]: The second note.\n",
      ].join("\n\n"),
    );
  });

  it("keeps the heading of a to-do part or chapter when anything inside it has text, and leaves out one with none", () => {
    const project = smallProject();
    for (const u of project.units) if (u.id !== "s1") u.status = "todo";
    const md = exportMarkdown(project, defaultExportProfile(project.meta.levels, "md"))[0]!.content;
    expect(md).toMatch(/^# Morning$/m);
    expect(md).toMatch(/^## The Letter$/m);
    // c2, c3 and the part Evening have text of their own or inside; c4 has none anywhere
    expect(md).toMatch(/^## The Reply$/m);
    expect(md).toMatch(/^# Evening$/m);
    expect(md).not.toMatch(/^## Empty$/m);
    const empty = smallProject();
    empty.units = empty.units.filter((u) => u.parentId !== "p2" || u.id === "c4").map((u) => (u.id === "p2" || u.id === "c4" ? { ...u, status: "todo" as const } : u));
    expect(exportMarkdown(empty, defaultExportProfile(empty.meta.levels, "md"))[0]!.content).not.toMatch(/^# Evening$/m);
  });

  it("applies title patterns, synopses, notes and front matter", () => {
    const p = smallProject();
    const base = defaultExportProfile(p.meta.levels, "md");
    const levels = base.levels.map((l, i) => (i === 0 ? { ...l, titlePattern: "Part {N}: {title}" } : i === 1 ? { ...l, titlePattern: "Chapter {word}" } : l));
    const [file] = exportMarkdown(p, { ...base, levels, include: { ...base.include, synopses: true, notes: true, frontMatter: true } });
    const md = file!.content;
    expect(md.startsWith("---\ntitle: Small Hours\nauthor: Jo March\nlang: fr-FR\n---\n\n# Part I: Morning\n\n## Chapter One\n\n*A letter comes.*\n\n> Check the date.\n")).toBe(true);
    // chapter numbers run on across parts
    expect(md).toContain("## Chapter Three\n");
    const dir = mkdtempSync(join(tmpdir(), "quire-md-"));
    dirs.push(dir);
    writeFileSync(join(dir, "x.md"), md);
    const ast = pandocJson(join(dir, "x.md"), "markdown");
    expect(headers(ast.blocks).map((h) => `${h.level} ${h.text}`)).toEqual(["1 Part I: Morning", "2 Chapter One", "2 Chapter Two", "1 Part II: Evening", "2 Chapter Three"]);
    expect(JSON.stringify(ast.meta.title)).toContain('"Small"');
    expect(JSON.stringify(ast.meta.author)).toContain('"March"');
  });

  it("writes one file per chapter, numbered in order", () => {
    const p = smallProject();
    const files = exportMarkdown(p, { ...defaultExportProfile(p.meta.levels, "md"), layout: "per-chapter" });
    expect(files.map((f) => f.path)).toEqual(["01-The Letter.md", "02-The Reply.md", "03-Lamps.md"]);
    expect(files[0]!.content.startsWith("# Morning\n\n## The Letter\n")).toBe(true);
    // footnotes restart in each file and stay with their chapter
    expect(files[1]!.content).toBe("## The Reply\n\nIt came a week later.[^1]\n\n[^1]: The second note.\n");
  });

  it("is CommonMark that pandoc reads as the same structure", () => {
    const p = smallProject();
    const [file] = exportMarkdown(p, defaultExportProfile(p.meta.levels, "md"));
    const dir = mkdtempSync(join(tmpdir(), "quire-md-"));
    dirs.push(dir);
    writeFileSync(join(dir, "x.md"), file!.content);
    const types = pandocJson(join(dir, "x.md"), "commonmark_x").blocks.map((b) => b.t);
    expect(types).toEqual(["Header", "Header", "Para", "BlockQuote", "HorizontalRule", "Para", "BulletList", "OrderedList", "Header", "Para", "Header", "Header", "Para", "HorizontalRule", "Para"]);
    expect(execFileSync("pandoc", ["-f", "commonmark_x", "-t", "plain", join(dir, "x.md")]).toString()).toContain("The first note.");
    expect(readdirSync(dir)).toEqual(["x.md"]);
    expect(readFileSync(join(dir, "x.md"), "utf8")).not.toContain("data-quire");
  });
});
