/**
 * Horizontal lines in a DOCX, made readable for mammoth. Word's Borders › Horizontal Line, and
 * pandoc's `---`, write a scene break as a paragraph holding only a VML rectangle marked o:hr="t";
 * mammoth reads no VML, so the paragraph comes out empty and is dropped with the empty paragraphs,
 * and the scene break is lost. Such a paragraph gets the text "* * *" before mammoth reads the
 * file, which html-to-doc turns into a scene break like any typed one.
 */
import JSZip from "jszip";

const DOCUMENT = "word/document.xml";
/** one paragraph, lazily, up to its end: never across a paragraph boundary */
const PARAGRAPH = /<w:p(?:\s[^>]*)?>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g;
const VML_RULE = /<v:rect\b[^>]*\bo:hr="t"/;
const HAS_TEXT = /<w:t(?:\s[^>]*)?>[^<]*\S[^<]*<\/w:t>/;

/** The document's bytes with every rule-only paragraph holding "* * *"; the same bytes when there is none. */
export async function markHorizontalRules(bytes: Uint8Array): Promise<Uint8Array> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return bytes; // mammoth reports what is wrong with the container
  }
  const entry = zip.file(DOCUMENT);
  if (!entry) return bytes;
  const xml = await entry.async("string");
  if (!VML_RULE.test(xml)) return bytes;
  const marked = xml.replace(PARAGRAPH, (p) =>
    VML_RULE.test(p) && !HAS_TEXT.test(p) ? p.replace(/<\/w:p>$/, '<w:r><w:t xml:space="preserve">* * *</w:t></w:r></w:p>') : p,
  );
  zip.file(DOCUMENT, marked);
  return zip.generateAsync({ type: "uint8array" });
}
