/**
 * The design language lives in one file: renderer/src/design/tokens.css. Anywhere else in the
 * renderer a colour, size or spacing literal is a bug (a one-off grey, a 13 px that drifts from
 * the scale), so this test reads every stylesheet and every TSX inline style and refuses them.
 *
 * CSS: after removing var(--token) references, a declaration value may hold no digit (a bare 0
 * excepted), no hex colour, no colour function and no named colour.
 * TSX: an inline style may only hand data to CSS through custom properties (style={{ "--fill": n }});
 * no string literal anywhere may spell a colour or a length with a unit.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import postcss from "postcss";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../..");
const renderer = join(root, "renderer");
const TOKENS = join(renderer, "src/design/tokens.css");
const namedColours = Object.keys(createRequire(import.meta.url)("color-name") as Record<string, unknown>);

function files(dir: string, ext: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.name === "node_modules" ? [] : e.isDirectory() ? files(join(dir, e.name), ext) : e.name.endsWith(ext) ? [join(dir, e.name)] : [],
  );
}

const COLOUR_FN = /\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/i;
const HEX = /#[0-9a-f]{3,8}\b/i;
const NAMED = new RegExp(`(?<![\\w-])(?:${namedColours.join("|")})(?![\\w-])`, "i");

/** What is wrong with one CSS declaration value, or null. */
export function cssValueProblem(value: string): string | null {
  const stripped = value
    .replace(/var\(--[\w-]+/g, "var(") // token names may hold digits (--space-2)
    .replace(/"[^"]*"|'[^']*'/g, (s) => (/\d/.test(s) ? s : '""')); // quoted strings: only their digits count
  if (HEX.test(stripped)) return "hex colour";
  if (COLOUR_FN.test(stripped)) return "colour function";
  const words = stripped.replace(/"[^"]*"|'[^']*'/g, "");
  if (NAMED.test(words)) return `named colour ${NAMED.exec(words)![0]}`;
  const noZeros = stripped.replace(/(?<![\w.#-])0(?![\w.%])/g, "");
  if (/\d/.test(noZeros)) return "number";
  return null;
}

export function cssProblems(css: string, from: string): string[] {
  const out: string[] = [];
  postcss.parse(css, { from }).walkDecls((d) => {
    const problem = cssValueProblem(d.value);
    if (problem) out.push(`${relative(root, from)}:${d.source?.start?.line}: ${d.prop}: ${d.value} (${problem})`);
  });
  return out;
}

/** The object literal after each `style={{`, brace-matched. */
function inlineStyles(src: string): { at: number; body: string }[] {
  const out: { at: number; body: string }[] = [];
  for (const m of src.matchAll(/style=\{\{/g)) {
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < src.length && depth > 0; i++) {
      if (src[i] === "{") depth++;
      else if (src[i] === "}") depth--;
    }
    out.push({ at: m.index, body: src.slice(m.index + m[0].length, i - 1) });
  }
  return out;
}

const UNIT_LITERAL = /(?<![\w$])\d*\.?\d+(?:px|rem|em|ch|vh|vw|vmin|vmax|pt|ex|ms|s)\b/;

export function tsxProblems(src: string, from: string): string[] {
  const out: string[] = [];
  const line = (at: number) => src.slice(0, at).split("\n").length;
  for (const { at, body } of inlineStyles(src)) {
    // keys: only custom properties, written as string keys
    const keys = [...body.matchAll(/(?:^|,)\s*(["']?)([\w-]+)\1\s*:/g)].map((k) => k[2]!);
    for (const k of keys) if (!k.startsWith("--")) out.push(`${relative(root, from)}:${line(at)}: inline style sets ${k} (hand data to CSS as a custom property instead)`);
    const literal = /(["'`])((?:(?!\1).)*)\1/g;
    for (const s of body.matchAll(literal)) {
      const text = s[2]!.replace(/\$\{[^}]*\}/g, "");
      if (UNIT_LITERAL.test(text) || HEX.test(text) || COLOUR_FN.test(text) || /\$\{[^}]*\}(?:px|rem|em|%)/.test(s[2]!))
        out.push(`${relative(root, from)}:${line(at)}: inline style literal ${s[0]}`);
    }
  }
  // colours and lengths in any string literal (SVG fill="#…", a width="12px")
  for (const m of src.matchAll(/(["'`])((?:(?!\1)[^\n])*)\1/g)) {
    const text = m[2]!;
    if (/^#[0-9a-f]{3,8}$/i.test(text.trim()) || COLOUR_FN.test(text) || /^\s*\d*\.?\d+(?:px|rem|em|vh|vw|pt)\s*$/.test(text))
      out.push(`${relative(root, from)}:${line(m.index)}: literal ${m[0]}`);
  }
  return out;
}

describe("design tokens", () => {
  it("the checks catch what they are for (and let tokens through)", () => {
    expect(cssValueProblem("var(--space-2) var(--space-3)")).toBeNull();
    expect(cssValueProblem("0 0 0 var(--space-0)")).toBeNull();
    expect(cssValueProblem("calc(var(--depth) * var(--tree-indent))")).toBeNull();
    expect(cssValueProblem("color-mix(in srgb, var(--color-accent), transparent)")).toBeNull();
    expect(cssValueProblem("12px")).toBe("number");
    expect(cssValueProblem("1.5")).toBe("number");
    expect(cssValueProblem("0.5rem")).toBe("number");
    expect(cssValueProblem("#fff")).toBe("hex colour");
    expect(cssValueProblem("rgb(0 0 0 / 0.2)")).toBe("colour function");
    expect(cssValueProblem("1px solid white")).not.toBeNull();
    expect(cssValueProblem("underline wavy red")).toBe("named colour red");
    expect(cssValueProblem('"* * *"')).toBeNull();
    expect(tsxProblems(`<i style={{ width: "12px" }} />`, TOKENS).length).toBeGreaterThanOrEqual(2);
    expect(tsxProblems("<i style={{ paddingLeft: `${n}rem` }} />", TOKENS).length).toBeGreaterThan(0);
    expect(tsxProblems(`<i style={{ "--depth": node.depth } as React.CSSProperties} />`, TOKENS)).toEqual([]);
    expect(tsxProblems(`<rect fill="#a00" />`, TOKENS)).toHaveLength(1);
  });

  it("no colour, size or spacing literal in any stylesheet but the tokens file", () => {
    const sheets = files(renderer, ".css").filter((f) => f !== TOKENS);
    expect(sheets.length).toBeGreaterThan(1);
    expect(sheets.flatMap((f) => cssProblems(readFileSync(f, "utf8"), f))).toEqual([]);
  });

  it("no literal in TSX inline styles or colour strings", () => {
    const sources = files(renderer, ".tsx");
    expect(sources.length).toBeGreaterThan(10);
    expect(sources.flatMap((f) => tsxProblems(readFileSync(f, "utf8"), f))).toEqual([]);
  });

  it("index.html carries no style of its own", () => {
    const html = readFileSync(join(renderer, "index.html"), "utf8");
    expect(html).not.toMatch(/<style|style="/);
  });
});
