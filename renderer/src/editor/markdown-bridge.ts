import type { AnyExtension, JSONContent } from "@tiptap/core";
import { createEditorExtensions } from "../../../electron/shared/markdown/editor-extensions";
import { parseMarkdown, serializeMarkdown } from "../../../electron/shared/markdown/markdown-codec";

/** The editor uses exactly the document model the store and export use (electron/shared/markdown). */
export const documentExtensions = (editorOnly: AnyExtension[] = []): AnyExtension[] => createEditorExtensions(editorOnly);
export const markdownToDoc = (markdown: string): JSONContent => parseMarkdown(markdown);
export const docToMarkdown = (doc: JSONContent): string => serializeMarkdown(doc);
