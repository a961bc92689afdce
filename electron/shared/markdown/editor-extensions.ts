/**
 * The ONE list of Tiptap extensions that defines a Quire document. The editor (renderer), the
 * Markdown codec (store, export, import) and the engine all build their schema from it, so a
 * document the editor can hold is exactly a document the codec can save.
 *
 * Nodes: doc, paragraph, heading (1-6), blockquote, bulletList, orderedList, listItem,
 * horizontalRule (a scene break, `***`), hardBreak, footnoteReference, footnotes > footnoteDefinition.
 * Marks: bold, italic, link, modelText (provenance).
 *
 * Nothing here touches the DOM at load time; editor behaviour (undo, placeholder, drop cursor…)
 * is added by the renderer through `createEditorExtensions`.
 */
import { Node, type AnyExtension } from "@tiptap/core";
import { OrderedList } from "@tiptap/extension-list";
import StarterKit from "@tiptap/starter-kit";
import { FootnoteDefinition, FootnoteReference, Footnotes } from "./footnotes";
import { ForeignTokens } from "./foreign-tokens";
import { InlineHtml } from "./inline-html";
import { ModelText } from "./model-text";

/** Footnote definitions sit in one block after the body. */
const QuireDocument = Node.create({ name: "doc", topNode: true, content: "block+ footnotes?" });

export interface DocumentExtensionOptions {
  /** Link options the editor wants (e.g. openOnClick: false); the schema is the same either way. */
  link?: { openOnClick?: boolean; autolink?: boolean; linkOnPaste?: boolean };
}

/** Extensions that define the schema and its Markdown; no editor-only behaviour. */
export function documentExtensions(options: DocumentExtensionOptions = {}): AnyExtension[] {
  return [
    StarterKit.configure({
      document: false,
      code: false,
      codeBlock: false,
      strike: false,
      underline: false,
      // editor behaviour: the renderer adds what it wants on top
      undoRedo: false,
      dropcursor: false,
      gapcursor: false,
      trailingNode: false,
      orderedList: false,
      heading: { levels: [1, 2, 3, 4, 5, 6] },
      link: {
        openOnClick: options.link?.openOnClick ?? false,
        autolink: options.link?.autolink ?? false,
        linkOnPaste: options.link?.linkOnPaste ?? true,
        HTMLAttributes: { rel: "noopener noreferrer nofollow", target: null },
      },
    }),
    // Ordered lists are read by marked's CommonMark list rules and items, exactly like bullet lists:
    // the extension's own line scanner and item reader keep nested content as raw text
    // (`1. *a*` would lose its italic).
    OrderedList.extend({
      markdownTokenizer: null as never,
      parseMarkdown: (token, helpers) => {
        if (token.type !== "list" || !token.ordered) return [];
        const start = typeof token.start === "number" && token.start >= 1 ? token.start : 1;
        return { type: "orderedList", attrs: { start }, content: token.items ? helpers.parseChildren(token.items) : [] };
      },
    }),
    QuireDocument,
    FootnoteReference,
    FootnoteDefinition,
    Footnotes,
    ModelText,
    InlineHtml,
    ...ForeignTokens,
  ];
}

/**
 * The editor's list: the document extensions plus editor-only ones (UndoRedo, Placeholder,
 * Dropcursor, CharacterCount…). Editor-only extensions must not add nodes or marks, or the
 * editor could hold something the codec cannot save.
 */
export function createEditorExtensions(editorOnly: AnyExtension[] = [], options: DocumentExtensionOptions = {}): AnyExtension[] {
  return [...documentExtensions(options), ...editorOnly];
}

/** Node and mark names of the document, for code that walks JSONContent. */
export const NODE = {
  doc: "doc",
  paragraph: "paragraph",
  heading: "heading",
  blockquote: "blockquote",
  bulletList: "bulletList",
  orderedList: "orderedList",
  listItem: "listItem",
  horizontalRule: "horizontalRule",
  hardBreak: "hardBreak",
  text: "text",
  footnoteReference: "footnoteReference",
  footnotes: "footnotes",
  footnoteDefinition: "footnoteDefinition",
} as const;
export const MARK = { bold: "bold", italic: "italic", link: "link", modelText: "modelText" } as const;
