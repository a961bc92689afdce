import { describe, expect, it } from "vitest";
import { FrontMatterError, parseFrontMatter, serializeFrontMatter, splitFrontMatter } from "../../../electron/shared/markdown/front-matter";

/** The one front-matter splitter (shared/markdown/front-matter.ts), as hand-edited files meet it. */
describe("front matter", () => {
  it("round-trips a body byte for byte, the blank line after the fence being Quire's own", () => {
    for (const body of ["", "Text.\n", "\nStarts with a blank line.\n", "---\nA rule in the body.\n"]) {
      const text = serializeFrontMatter({ id: "u1", title: "One" }, body);
      expect(parseFrontMatter(text)).toEqual({ data: { id: "u1", title: "One" }, body });
    }
  });

  it("reads CRLF line ends, a BOM, no blank line and empty front matter", () => {
    expect(parseFrontMatter("\uFEFF---\r\ntitle: A\r\n---\r\nBody\r\n")).toEqual({ data: { title: "A" }, body: "Body\r\n" });
    expect(parseFrontMatter("---\ntitle: A\n---\nBody")).toEqual({ data: { title: "A" }, body: "Body" });
    expect(parseFrontMatter("---\n---\n\nBody")).toEqual({ data: {}, body: "Body" });
    expect(parseFrontMatter("No front matter.\n")).toEqual({ data: null, body: "No front matter.\n" });
  });

  it("splits without reading the YAML, keeping the blank line unless asked", () => {
    expect(splitFrontMatter("---\ntitle: [unclosed\n---\n\nBody")).toEqual({ yaml: "title: [unclosed\n", body: "\nBody" });
    expect(splitFrontMatter("---\na: 1\n---\n\nBody", { dropBlankLine: true }).body).toBe("Body");
  });

  it("names what is wrong: an unclosed fence, bad YAML, a list instead of keys, duplicate keys", () => {
    expect(() => parseFrontMatter("---\ntitle: A\nBody")).toThrow(/never closed/);
    expect(() => parseFrontMatter("---\ntitle: [unclosed\n---\nBody")).toThrow(/not valid YAML/);
    expect(() => parseFrontMatter("---\n- a\n- b\n---\nBody")).toThrow(/key: value/);
    expect(() => parseFrontMatter("---\na: 1\na: 2\n---\nBody")).toThrow(FrontMatterError);
  });
});
