import type { Node as PMNode } from "@tiptap/pm/model";
import { countWords, type CountUnit } from "../../../electron/shared/text/count-words";

/**
 * Counts a document's words by top-level block, caching each block by identity. ProseMirror
 * reuses unchanged nodes across transactions, so a keystroke recounts only the block it touched.
 */
export class BlockWordCounter {
  private cache = new WeakMap<PMNode, number>();
  private modelCache = new WeakMap<PMNode, number>();

  constructor(
    private readonly unit: CountUnit,
    private readonly modelMark = "modelText",
  ) {}

  count(doc: PMNode): { total: number; model: number } {
    let total = 0;
    let model = 0;
    doc.forEach((block) => {
      let n = this.cache.get(block);
      if (n === undefined) {
        n = countWords(block.textBetween(0, block.content.size, " ", " "), this.unit);
        this.cache.set(block, n);
      }
      total += n;
      let m = this.modelCache.get(block);
      if (m === undefined) {
        m = this.countModelWords(block);
        this.modelCache.set(block, m);
      }
      model += m;
    });
    return { total, model };
  }

  private countModelWords(block: PMNode): number {
    let text = "";
    block.descendants((node) => {
      if (node.isText && node.marks.some((mark) => mark.type.name === this.modelMark)) text += `${node.text ?? ""} `;
      return true;
    });
    return text ? countWords(text, this.unit) : 0;
  }
}
