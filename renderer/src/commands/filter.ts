import type { Command } from "./commands";

/** Every word typed must appear in the command's name or group; names that start with the query come first. */
export function filterCommands(all: Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return all;
  const hits = all.filter((c) => {
    const hay = `${c.title} ${c.group}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
  const q = query.trim().toLowerCase();
  return hits.sort((a, b) => Number(b.title.toLowerCase().startsWith(q)) - Number(a.title.toLowerCase().startsWith(q)));
}
