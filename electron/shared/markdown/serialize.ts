/**
 * Quire's Markdown writer. It writes one canonical CommonMark form (+ footnotes and the provenance
 * span) for a normalised document, escaping exactly enough that the text reads back unchanged.
 *
 * Bold and italic are written `**…**` and `*…*`. CommonMark's flanking rules make some placements
 * unreadable as emphasis (say `x*"y"*z`); the caller checks each such block by parsing it back and,
 * if it differs, rewrites that block's emphasis as `<strong>`/`<em>`, which always read back.
 */
import type { JSONContent } from "@tiptap/core";
import { MODEL_SPAN_CLOSE, MODEL_SPAN_OPEN } from "./provenance";
import { type CanonMark, markRank, sameMark } from "./normalize";

export type EmphasisStyle = "markdown" | "html";

const ENTITY_LIKE = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/g;

/** Escapes a writer's text so that it reads back as text, whatever it contains. */
export function escapeText(text: string, lineStart: boolean, inHeading: boolean, inLink = false): string {
  // marked strips backslashes before brackets in link text before reading it, so there brackets
  // are written as character references, which read back as the same characters
  let s = text.replace(inLink ? /[\\`*_<]/g : /[\\`*_[\]<]/g, "\\$&").replace(ENTITY_LIKE, "\\&");
  if (inHeading) s = s.replace(/#/g, "\\#");
  if (lineStart) {
    s = s.replace(/^([#>+=~-])/, "\\$1").replace(/^(\d{1,9})([.)])/, "$1\\$2");
  }
  // and `[^` would start a footnote reference
  if (inLink) s = s.replace(/\[/g, "&#91;").replace(/\]/g, "&#93;").replace(/\^/g, "\\^");
  return s;
}

function escapeHref(href: string): string {
  if (href === "") return "<>";
  if (/[\s<>]/.test(href)) return `<${href.replace(/[\\<>]/g, "\\$&")}>`;
  return href.replace(/[\\()]/g, "\\$&").replace(ENTITY_LIKE, "\\&");
}

function escapeTitle(title: string): string {
  return `"${title.replace(/[\\"]/g, "\\$&").replace(ENTITY_LIKE, "\\&")}"`;
}

type Marked = { marks?: { type: string; attrs?: Record<string, unknown> }[] };

function marksOf(node: JSONContent): CanonMark[] {
  return node.type === "text" ? (((node as Marked).marks ?? []) as CanonMark[]) : [];
}

/** Renders a normalised textblock's content. */
export function renderInline(content: JSONContent[] | undefined, inHeading: boolean, emphasis: EmphasisStyle): string {
  const nodes = content ?? [];
  const isStack = (m: CanonMark) => m.type === "link" || (emphasis === "markdown" && (m.type === "bold" || m.type === "italic"));
  const out: string[] = [];
  const stack: CanonMark[] = [];
  const toggles: CanonMark[] = [];
  let lineHasContent = false;

  const emit = (s: string) => {
    if (!s) return;
    if (s.startsWith("[") && out.length > 0) {
      const last = out[out.length - 1]!;
      const m = /(\\*)!$/.exec(last);
      if (m && m[1]!.length % 2 === 0) out[out.length - 1] = `${last.slice(0, -1)}\\!`;
    }
    out.push(s);
    lineHasContent = true;
  };
  const open = (m: CanonMark) => {
    switch (m.type) {
      case "link":
        return "[";
      case "bold":
        return emphasis === "markdown" ? "**" : "<strong>";
      case "italic":
        return emphasis === "markdown" ? "*" : "<em>";
      case "modelText":
        return MODEL_SPAN_OPEN;
    }
  };
  const close = (m: CanonMark) => {
    switch (m.type) {
      case "link":
        return `](${escapeHref(m.attrs.href)}${m.attrs.title !== null ? ` ${escapeTitle(m.attrs.title)}` : ""})`;
      case "bold":
        return emphasis === "markdown" ? "**" : "</strong>";
      case "italic":
        return emphasis === "markdown" ? "*" : "</em>";
      case "modelText":
        return MODEL_SPAN_CLOSE;
    }
  };
  // how many following text nodes keep this mark: longer runs open first (outermost)
  const runLength = (from: number, m: CanonMark) => {
    let n = 0;
    for (let k = from; k < nodes.length; k++) {
      if (!marksOf(nodes[k]!).some((x) => sameMark(x, m))) break;
      n++;
    }
    return n;
  };

  nodes.forEach((node, i) => {
    const marks = marksOf(node);
    const stackMarks = marks.filter(isStack);
    const toggleMarks = marks.filter((m) => !isStack(m));
    let keep = 0;
    while (keep < stack.length && stackMarks.some((m) => sameMark(m, stack[keep]!))) keep++;
    while (stack.length > keep) emit(close(stack.pop()!));
    for (let t = toggles.length - 1; t >= 0; t--) {
      if (!toggleMarks.some((m) => sameMark(m, toggles[t]!))) emit(close(toggles.splice(t, 1)[0]!));
    }
    for (const m of toggleMarks) {
      if (!toggles.some((t) => sameMark(t, m))) {
        emit(open(m));
        toggles.push(m);
      }
    }
    const toOpen = stackMarks
      .filter((m) => !stack.some((s) => sameMark(s, m)))
      .sort((a, b) => runLength(i, b) - runLength(i, a) || markRank(a.type) - markRank(b.type));
    for (const m of toOpen) {
      emit(open(m));
      stack.push(m);
    }
    switch (node.type) {
      case "text": {
        let text = escapeText(String(node.text ?? ""), !lineHasContent, inHeading, stack.some((m) => m.type === "link"));
        // `[^x]:` at a block start would read as a footnote definition
        if (nodes[i - 1]?.type === "footnoteReference" && text.startsWith(":")) text = `\\${text}`;
        emit(text);
        break;
      }
        break;
      case "hardBreak":
        out.push("\\\n");
        lineHasContent = false;
        break;
      case "footnoteReference":
        emit(`[^${String(node.attrs?.label ?? "")}]`);
        break;
    }
  });
  while (stack.length) emit(close(stack.pop()!));
  while (toggles.length) emit(close(toggles.pop()!));
  return out.join("");
}

export interface BlockRenderer {
  /** Renders a paragraph/heading's inline content (the codec picks the emphasis style per block). */
  inline(content: JSONContent[] | undefined, inHeading: boolean): string;
}

const indentLines = (text: string, first: string, rest: string) =>
  text
    .split("\n")
    .map((line, i) => (line === "" ? (i === 0 ? first.trimEnd() : "") : (i === 0 ? first : rest) + line))
    .join("\n");

export function renderBlocks(blocks: JSONContent[], r: BlockRenderer): string {
  const parts: string[] = [];
  let previous: string | undefined;
  for (const block of blocks) {
    // two lists of one kind in a row would read back as one: CommonMark's separator is an empty comment
    if ((block.type === "bulletList" || block.type === "orderedList") && block.type === previous) parts.push("<!-- -->");
    const text = renderBlock(block, r);
    // only a document's placeholder paragraph renders as nothing
    if (text !== "") parts.push(text);
    previous = block.type;
  }
  return parts.join("\n\n");
}

function renderBlock(node: JSONContent, r: BlockRenderer): string {
  switch (node.type) {
    case "paragraph":
      return r.inline(node.content, false);
    case "heading": {
      const hashes = "#".repeat(Number(node.attrs?.level ?? 1));
      const text = r.inline(node.content, true);
      return text ? `${hashes} ${text}` : hashes;
    }
    case "horizontalRule":
      // `***`, not `* * *`: pandoc's CommonMark reader (2.x) takes `* * *` for nested empty lists
      return "***";
    case "blockquote":
      return renderBlocks(node.content ?? [], r)
        .split("\n")
        .map((line) => (line === "" ? ">" : `> ${line}`))
        .join("\n");
    case "bulletList":
    case "orderedList": {
      const items = node.content ?? [];
      const start = Number(node.attrs?.start ?? 1);
      const loose = items.some((item) => (item.content?.length ?? 0) > 1);
      return items
        .map((item, i) => {
          const marker = node.type === "bulletList" ? "- " : `${start + i}. `;
          const pad = " ".repeat(marker.length);
          const [first, ...rest] = item.content ?? [];
          // an item starting with an empty paragraph: marker alone, content from the next line
          // (a blank line there would end the item, per CommonMark)
          if (first && first.type === "paragraph" && !first.content?.length && rest.length > 0) {
            return `${marker.trimEnd()}\n${indentLines(renderBlocks(rest, r), pad, pad)}`;
          }
          return indentLines(renderBlocks(item.content ?? [], r), marker, pad);
        })
        .join(loose ? "\n\n" : "\n");
    }
    case "footnotes":
      return (node.content ?? [])
        .map((def) => {
          const body = renderBlocks(def.content ?? [], r);
          return indentLines(body, `[^${String(def.attrs?.label ?? "")}]: `, "    ");
        })
        .join("\n\n");
    default:
      return "";
  }
}
