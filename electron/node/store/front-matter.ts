/**
 * YAML front matter: `---\n<yaml>---\n\n<body>`. The blank line after the closing fence is
 * ours and is removed on read, so body text round-trips byte for byte. Files edited by hand
 * with CRLF line ends, a BOM, or no blank line are read too.
 */
import { parseDocument, stringify } from "yaml";

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

export function parseFrontMatter(text: string): FrontMatterDoc {
  const src = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const open = OPENING.exec(src);
  if (!open) return { data: null, body: src };
  const rest = src.slice(open[0].length);
  const close = CLOSING.exec(rest);
  if (!close) throw new FrontMatterError("front matter starts with --- but is never closed by a --- line");
  const yamlText = rest.slice(0, close.index);
  let body = rest.slice(close.index + close[0].length);
  if (body.startsWith("\r\n")) body = body.slice(2);
  else if (body.startsWith("\n")) body = body.slice(1);

  const doc = parseDocument(yamlText, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    throw new FrontMatterError(`front matter is not valid YAML: ${first.message.split("\n")[0]}`);
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return { data: {}, body };
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new FrontMatterError("front matter must be a set of `key: value` lines");
  }
  return { data: data as Record<string, unknown>, body };
}

export function serializeFrontMatter(data: Record<string, unknown>, body: string): string {
  // lineWidth 0: never fold long titles or synopses across lines, so hand edits stay easy.
  const yamlText = stringify(data, { lineWidth: 0, minContentWidth: 0 });
  return `---\n${yamlText}---\n\n${body}`;
}
