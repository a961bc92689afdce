/** Quire's Markdown document model: one schema, one codec, one way to count. */
export { createEditorExtensions, documentExtensions, MARK, NODE, type DocumentExtensionOptions } from "./editor-extensions";
export { canonicalMarkdown, normalizeDoc, parseMarkdown, serializeMarkdown, type ParseOptions, type SerializeOptions } from "./markdown-codec";
export {
  blockTexts,
  countWordsInDoc,
  countWordsInMarkdown,
  modelWrittenWords,
  plainTextOf,
  provenanceCounts,
  provenanceCountsOfDoc,
  textOfBlockNode,
  writerWords,
  type ProvenanceCounts,
} from "./plain-text";
export { hasProvenance, MODEL_SPAN_CLOSE, MODEL_SPAN_OPEN, MODEL_TEXT_MARK, stripProvenanceFromDoc } from "./provenance";
