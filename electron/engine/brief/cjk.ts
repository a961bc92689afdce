/**
 * Chinese and Japanese briefs: unit counts ("共十二章", "十二章からなる", "分为三部，每部四章")
 * and references ("第三章", "第5至7章", "最后一章", "最終章"). Numbers may be digits or CJK
 * numerals; lengths in characters are read by lengths.ts.
 */
import { fromCjk, parseNumber } from "../base/numbers";
import type { Clause } from "./clauses";
import type { Placement, StructureLevel } from "./types";

const NUM = "[0-9０-９零一二三四五六七八九十百千两〇]+";
const NOUN = "章|节|節|篇|編|部|卷|幕|场|場|封|课|課|天|日|周|週|个月|ヶ月|月|层|層|階|集|話|回|讲|講";
const LAST_WORDS = "最后一|最後の|最后|最後|最終|最终";

function num(raw: string): number | null {
  const ascii = raw.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
  return /^\d+$/.test(ascii) ? parseNumber(ascii) : fromCjk(ascii);
}

export function readCjkStructure(clauses: Clause[]): { levels: StructureLevel[]; consumed: Set<number> } | null {
  const consumed = new Set<number>();
  const nested = new RegExp(`(${NUM})\\s*(${NOUN})[^。；;]{0,12}?(?:每|各)(${NOUN})[^0-9０-９零一二三四五六七八九十百千两]{0,4}(${NUM})\\s*(${NOUN})`, "u");
  const count = new RegExp(`(?<!第|每|各)(${NUM})\\s*(${NOUN})(?![字文])`, "u");
  for (let i = 0; i < clauses.length; i++) {
    const t = clauses[i]!.text;
    const m = nested.exec(t);
    if (m && m[2] === m[3]) {
      const outer = num(m[1]!);
      const inner = num(m[4]!);
      if (outer && inner) {
        consumed.add(i);
        return { levels: [level(m[2]!, outer), level(m[5]!, inner)], consumed };
      }
    }
  }
  // "一部小说" is "a novel": a count of one is a measure word, not the document's units
  const all = new RegExp(count.source, "gu");
  for (let i = 0; i < clauses.length; i++) {
    for (const m of clauses[i]!.text.matchAll(all)) {
      const n = num(m[1]!);
      if (!n || n < 2 || n > 5000) continue;
      consumed.add(i);
      return { levels: [level(m[2]!, n)], consumed };
    }
  }
  return null;
}

function level(noun: string, count: number): StructureLevel {
  return { name: noun, count, heading: "第{n}{level}" };
}

export function findCjkRefs(text: string, levels: string[]): { placement: Placement; start: number; end: number }[] {
  const out: { placement: Placement; start: number; end: number }[] = [];
  const known = (n: string) => levels.includes(n);
  const range = new RegExp(`第(${NUM})\\s*(?:(${NOUN})\\s*)?(?:至|到|~|～|-|－|—|から)\\s*第?(${NUM})\\s*(${NOUN})(?:まで)?`, "gu");
  const once = new RegExp(`第(${NUM})\\s*(${NOUN})`, "gu");
  const last = new RegExp(`(?:${LAST_WORDS})(${NUM})?(${NOUN})`, "gu");
  const taken: [number, number][] = [];
  const free = (a: number, b: number) => !taken.some(([x, y]) => a < y && x < b);
  // 第二部の最終章, 第2部第3章: a unit inside another
  const within = new RegExp(`第(${NUM})\\s*(${NOUN})\\s*(?:の|的)?\\s*(?:(?:最终|最終|最后一?|最後の)(${NOUN})|第(${NUM})\\s*(${NOUN}))`, "gu");
  for (const m of text.matchAll(within)) {
    const outer = num(m[1]!);
    if (!outer || !known(m[2]!)) continue;
    const inner: Placement | null = m[3] && known(m[3]) ? { kind: "last", level: m[3] } : m[4] && m[5] && known(m[5]) && num(m[4]) ? { kind: "once", level: m[5], index: num(m[4])! } : null;
    if (!inner) continue;
    out.push({ placement: { kind: "within", outer: { kind: "once", level: m[2]!, index: outer }, inner }, start: m.index, end: m.index + m[0].length });
    taken.push([m.index, m.index + m[0].length]);
  }
  // 各部の第一章: in every part
  const every = new RegExp(`(?:各|每)(${NOUN})\\s*(?:の|的)?\\s*(?:第(${NUM})\\s*(${NOUN})|(?:最终|最終|最后一?|最後の)(${NOUN}))`, "gu");
  for (const m of text.matchAll(every)) {
    if (!known(m[1]!)) continue;
    const inner: Placement | null = m[2] && m[3] && known(m[3]) && num(m[2]) ? { kind: "once", level: m[3], index: num(m[2])! } : m[4] && known(m[4]) ? { kind: "last", level: m[4] } : null;
    if (!inner) continue;
    out.push({ placement: { kind: "within", outer: { kind: "periodic", level: m[1]!, every: 1, start: 1 }, inner }, start: m.index, end: m.index + m[0].length });
    taken.push([m.index, m.index + m[0].length]);
  }
  for (const m of text.matchAll(range)) {
    const a = num(m[1]!);
    const b = num(m[3]!);
    if (a && b && known(m[4]!)) {
      out.push({ placement: { kind: "range", level: m[4]!, from: a, to: b }, start: m.index, end: m.index + m[0].length });
      taken.push([m.index, m.index + m[0].length]);
    }
  }
  for (const m of text.matchAll(once)) {
    const n = num(m[1]!);
    if (n && known(m[2]!) && free(m.index, m.index + m[0].length)) {
      out.push({ placement: { kind: "once", level: m[2]!, index: n }, start: m.index, end: m.index + m[0].length });
      taken.push([m.index, m.index + m[0].length]);
    }
  }
  for (const m of text.matchAll(last)) {
    const count = m[1] ? num(m[1]) : null;
    const level = known(m[2]!) ? m[2]! : levels[levels.length - 1]!;
    if (free(m.index, m.index + m[0].length)) out.push({ placement: count && count > 1 ? { kind: "last", level, count } : { kind: "last", level }, start: m.index, end: m.index + m[0].length });
  }
  return out.sort((a, b) => a.start - b.start);
}
