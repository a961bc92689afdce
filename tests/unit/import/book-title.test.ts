import { describe, expect, it } from "vitest";
import { previewMarkdownText } from "../../../electron/node/import/index";

describe("a manuscript's own title heading", () => {
  it("becomes the project title, not an empty unit", () => {
    const p = previewMarkdownText("# The Orchard\n\n## One\n\nText.\n\n## Two\n\nMore.\n", "orchard.md");
    expect(p.title).toBe("The Orchard");
    expect(p.units.map((u) => [u.title, u.level])).toEqual([
      ["One", 0],
      ["Two", 0],
    ]);
  });

  it("stays a unit when there are several top-level headings or it has text of its own", () => {
    const parts = previewMarkdownText("# Part One\n\n## A\n\nx\n\n# Part Two\n\n## B\n\ny\n", "book.md");
    expect(parts.units.map((u) => u.title)).toEqual(["Part One", "A", "Part Two", "B"]);
    const prologue = previewMarkdownText("# Prologue\n\nIt began.\n\n## Later\n\nThen.\n", "p.md");
    expect(prologue.units.map((u) => u.title)).toEqual(["Prologue", "Later"]);
    expect(prologue.title).toBe("p");
  });

  it("front matter's title wins over the heading", () => {
    const p = previewMarkdownText("---\ntitle: Given\n---\n# Heading Title\n\n## One\n\nx\n", "f.md");
    expect(p.title).toBe("Given");
  });
});
