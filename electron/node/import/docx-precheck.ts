/**
 * What a DOCX is before mammoth reads it. How large it becomes unpacked: mammoth (through
 * JSZip) inflates whatever a file holds, so 215 KB can become 60 MB of XML held several times
 * over; the zip's own size fields are not trusted, each part is inflated with a cap, found the
 * way JSZip finds it (through the central directory). And how deep its XML nests: mammoth
 * recurses once an element, so a few hundred tables inside each other overflow its stack.
 */
import { inflateRawSync } from "node:zlib";
import { IMPORT_LIMITS, nestingError } from "./import-limits";
import { ImportError } from "./import-types";
import { MiB } from "../../shared/contract/limits";

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const PICTURE = /\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp)$/i;

const unreadable = (file: string, why: string) => new ImportError(file, `could not be read as DOCX (${why}); it may be damaged`);

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

function centralDirectory(bytes: Buffer, file: string): Entry[] {
  const damaged = () => unreadable(file, "its zip directory is damaged");
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged();
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw unreadable(file, "it is a ZIP64 archive, which a DOCX under the import limit never needs; save it again from Word");
  const entries: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw damaged();
    const nameLength = bytes.readUInt16LE(at + 28);
    entries.push({
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString("utf8", at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return entries;
}

/** Elements inside each other in one XML part, and tables inside each other; quoted `>` and comments are not tags. */
export function xmlNesting(xml: Buffer): { elements: number; tables: number } {
  let depth = 0;
  let tables = 0;
  const deepest = { elements: 0, tables: 0 };
  let i = xml.indexOf(0x3c); // <
  while (i >= 0 && i < xml.length) {
    const next = xml[i + 1];
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      // a comment, CDATA, a declaration or a processing instruction: skip to its end
      const end = xml.subarray(i, i + 9).toString("latin1").startsWith("<!--") ? xml.indexOf("-->", i) : xml.subarray(i, i + 9).toString("latin1") === "<![CDATA[" ? xml.indexOf("]]>", i) : xml.indexOf(0x3e, i);
      if (end < 0) break;
      i = xml.indexOf(0x3c, end);
      continue;
    }
    // the tag runs to the first > outside quotes
    let j = i + 1;
    let quote = 0;
    for (; j < xml.length; j++) {
      const c = xml[j]!;
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3e) break;
    }
    const closing = next === 0x2f; // </
    const selfClosing = xml[j - 1] === 0x2f;
    let nameEnd = i + (closing ? 2 : 1);
    while (nameEnd < j && !/[\s/>]/.test(String.fromCharCode(xml[nameEnd]!))) nameEnd++;
    const name = xml.toString("latin1", i + (closing ? 2 : 1), nameEnd);
    const isTable = name === "tbl" || name.endsWith(":tbl");
    if (closing) {
      depth--;
      if (isTable) tables--;
    } else if (!selfClosing) {
      depth++;
      if (isTable) tables++;
      deepest.elements = Math.max(deepest.elements, depth);
      deepest.tables = Math.max(deepest.tables, tables);
    }
    i = xml.indexOf(0x3c, j);
  }
  return deepest;
}

// Word writes a few dozen levels at most; mammoth's stack runs out somewhere past a thousand
const MAX_XML_DEPTH = 400;
const XML_PART = /\.(xml|rels)$/i;

/** Refuses a DOCX whose text parts unpack past the limit (or whose whole unpacks past the larger one), or nest too deep. */
export function precheckDocx(data: Uint8Array, file: string, limits = IMPORT_LIMITS): void {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let xml = 0;
  let all = 0;
  for (const e of centralDirectory(bytes, file)) {
    if (e.localOffset + 30 > bytes.length || bytes.readUInt32LE(e.localOffset) !== LOCAL) {
      throw unreadable(file, `${e.name} is missing`);
    }
    const start = e.localOffset + 30 + bytes.readUInt16LE(e.localOffset + 26) + bytes.readUInt16LE(e.localOffset + 28);
    const packed = bytes.subarray(start, start + e.compressedSize);
    const picture = PICTURE.test(e.name);
    const budget = Math.min(limits.docxAllBytes - all, picture ? Number.POSITIVE_INFINITY : limits.docxXmlBytes - xml);
    let size: number;
    let unpacked: Buffer | null = null;
    if (e.method === 0) {
      size = packed.length;
      unpacked = packed;
    } else if (e.method === 8) {
      try {
        unpacked = inflateRawSync(packed, { maxOutputLength: Math.max(1, budget + 1) });
        size = unpacked.length;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") size = budget + 1;
        else throw unreadable(file, `${e.name} is damaged`);
      }
    } else throw unreadable(file, `${e.name} is packed in a way Word does not use`);
    all += size;
    if (!picture) xml += size;
    if (xml > limits.docxXmlBytes) {
      throw new ImportError(file, `unpacks to more than ${MiB(limits.docxXmlBytes)} of text and formatting, the most Quire reads from one DOCX; split it into several files`);
    }
    if (all > limits.docxAllBytes) throw new ImportError(file, `unpacks to more than ${MiB(limits.docxAllBytes)}, the most Quire reads from one DOCX`);
    if (unpacked && XML_PART.test(e.name)) {
      const deepest = xmlNesting(unpacked);
      if (deepest.tables > limits.nesting) throw nestingError(file, deepest.tables, "a table in it");
      if (deepest.elements > MAX_XML_DEPTH) throw new ImportError(file, `nests its XML ${deepest.elements.toLocaleString("en-US")} elements deep (${e.name}); Word writes a few dozen, Quire reads up to ${MAX_XML_DEPTH}`);
    }
  }
}
