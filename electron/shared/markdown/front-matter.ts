/**
 * YAML front matter, the one splitter for every Markdown file Quire reads (unit and bible files,
 * snapshots, brief.md): `---\n<yaml>---\n\n<body>`. Files edited by hand with CRLF line ends, a
 * BOM, or no blank line after the fence are read too. Pure TS: it works on text, never on files.
 *
 * splitFrontMatter only cuts the text; parseFrontMatter also reads the YAML into a plain
 * object. The blank line after the closing fence is the writer's (Quire writes one): a caller
 * that writes the file back removes it with `dropBlankLine`, so a body round-trips byte for byte.
 */
import { parseDocument, stringify } from "yaml";

export interface FrontMatterSplit {
  /** the YAML between the fences, or null when the text has no front matter */
  yaml: string | null;
  body: string;
}

export interface FrontMatterDoc {
  /** null when the file has no front matter at all */
  data: Record<string, unknown> | null;
  body: string;
}

export class FrontMatterError extends Error {
  override readonly name = "FrontMatterError";
}

const OPENING = /^---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*(?:\r?\n|$)/m;

/**
 * Cuts front matter from the body. Throws FrontMatterError when an opening fence is never
 * closed (the text cannot be told apart from a body that starts with a rule).
 */
export function splitFrontMatter(text: string, options: { dropBlankLine?: boolean } = {}): FrontMatterSplit {
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const open = OPENING.exec(src);
  if (!open) return { yaml: null, body: src };
  const rest = src.slice(open[0].length);
  const close = CLOSING.exec(rest);
  if (!close) throw new FrontMatterError("front matter starts with --- but is never closed by a --- line");
  let body = rest.slice(close.index + close[0].length);
  if (options.dropBlankLine) {
    if (body.startsWith("\r\n")) body = body.slice(2);
    else if (body.startsWith("\n")) body = body.slice(1);
  }
  return { yaml: rest.slice(0, close.index), body };
}

/** Reads front matter YAML into a plain object ({} when empty). Throws FrontMatterError naming what is wrong. */
export function parseFrontMatterYaml(yamlText: string): Record<string, unknown> {
  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new FrontMatterError(`front matter is not valid YAML: ${first.message.split("\n")[0]}`);
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new FrontMatterError("front matter must be a set of `key: value` lines");
  }
  return data as Record<string, unknown>;
}

/** A file Quire writes: front matter read into an object, the body without the blank line Quire puts after the fence. */
export function parseFrontMatter(text: string): FrontMatterDoc {
  const { yaml, body } = splitFrontMatter(text, { dropBlankLine: true });
  return { data: yaml === null ? null : parseFrontMatterYaml(yaml), body };
}

export function serializeFrontMatter(data: Record<string, unknown>, body: string): string {
  // lineWidth 0: never fold long titles or synopses across lines, so hand edits stay easy.
  const yamlText = stringify(data, { lineWidth: 0, minContentWidth: 0 });
  return `---\n${yamlText}---\n\n${body}`;
}
