/**
 * A placement in words, for notes, the CLI and the studio alike: "chapters 4–6", "every 3rd week
 * from week 13", "the last chapter of part 2". Pure, so the renderer shows what the engine means.
 */
import type { PlacementView } from "../contract/drafting";

const plural = (level: string) => `${level.toLowerCase()}s`;
const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? "th" : ["th", "st", "nd", "rd"][n % 10] ?? "th"}`;
const months = new Intl.DateTimeFormat("en", { month: "long", timeZone: "UTC" });
const day = (d: string): string => {
  const [y, m, dd] = (/^\d{4}-/.test(d) ? d : `2000-${d}`).split("-").map(Number);
  const name = months.format(new Date(Date.UTC(2000, (m ?? 1) - 1, 1)));
  return /^\d{4}-/.test(d) ? `${dd} ${name} ${y}` : `${dd} ${name}`;
};

export function describePlacement(p: PlacementView): string {
  switch (p.kind) {
    case "once":
      return `${p.level.toLowerCase()} ${p.index}`;
    case "range":
      return `${plural(p.level)} ${p.from}–${p.to}`;
    case "periodic":
      if (p.every === 1) return p.start === 1 && !p.end ? `every ${p.level.toLowerCase()}` : `${plural(p.level)} ${p.start}–${p.end ?? "end"}`;
      return `every ${ordinal(p.every)} ${p.level.toLowerCase()} from ${p.level.toLowerCase()} ${p.start}${p.end ? ` to ${p.end}` : ""}`;
    case "last":
      return p.count && p.count > 1 ? `the last ${p.count} ${plural(p.level)}` : `the last ${p.level.toLowerCase()}`;
    case "set":
      return `${plural(p.level)} ${p.indices.map((n) => (n === -1 ? "last" : n < 0 ? `${ordinal(-n)} from the end` : String(n))).join(", ")}`;
    case "fraction":
      return `the ${p.level.toLowerCase()} ${Math.round(p.at * 100)} % of the way through`;
    case "name":
      return `the ${p.level ? `${p.level.toLowerCase()} ` : ""}“${p.name}”`;
    case "date":
      return p.every ? `every ${p.every} days from ${day(p.date)}` : p.to ? `${day(p.date)} to ${day(p.to)}` : day(p.date);
    case "cells":
      if (p.every) return `every ${ordinal(p.every)} ${p.level.toLowerCase()} from (${p.from.join(", ")}) along the ${p.along ?? "column"}`;
      return p.to ? `${p.diagonal ? "the diagonal of " : ""}${plural(p.level)} (${p.from.join(", ")}) to (${p.to.join(", ")})` : `${p.level.toLowerCase()} (${p.from.join(", ")})`;
    case "line":
      return `the whole of ${p.axis} ${p.index}`;
    case "corners":
      return `the four corner ${plural(p.level)}`;
    case "within":
      return `${describePlacement(p.inner)} of ${describePlacement(p.outer)}`;
    case "union":
      return p.of.map(describePlacement).join(" and ");
    case "anywhere":
      return "anywhere (not placed)";
  }
}
