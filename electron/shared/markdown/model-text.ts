/** The provenance mark: text the model wrote. Markdown syntax: see ./provenance. */
import { Mark, mergeAttributes } from "@tiptap/core";
import { MODEL_SPAN_CLOSE, MODEL_SPAN_OPEN, MODEL_TEXT_MARK } from "./provenance";

export const ModelText = Mark.create({
  name: MODEL_TEXT_MARK,
  // Typing at the edge of model text is the writer's own: the mark does not extend to it.
  inclusive: false,
  parseHTML() {
    return [{ tag: 'span[data-quire="ai"]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes, { "data-quire": "ai", class: "model-text" }), 0];
  },
  // Used only by @tiptap/markdown's own serializer (editor.getMarkdown); Quire saves through markdown-codec.
  renderMarkdown: (node, helpers) => `${MODEL_SPAN_OPEN}${helpers.renderChildren(node)}${MODEL_SPAN_CLOSE}`,
});
