/** Structural nouns writers use for units, singular ⇄ plural, so prose like "in chapters 4-6" finds its level. */

const KNOWN: [string, string][] = [
  ["part", "parts"], ["book", "books"], ["act", "acts"], ["chapter", "chapters"], ["scene", "scenes"],
  ["section", "sections"], ["entry", "entries"], ["letter", "letters"], ["lesson", "lessons"],
  ["floor", "floors"], ["day", "days"], ["week", "weeks"], ["month", "months"], ["episode", "episodes"],
  ["module", "modules"], ["unit", "units"], ["stop", "stops"], ["station", "stations"], ["room", "rooms"],
  ["essay", "essays"], ["story", "stories"], ["poem", "poems"], ["article", "articles"], ["step", "steps"],
  ["stage", "stages"], ["leg", "legs"], ["canto", "cantos"], ["volume", "volumes"], ["session", "sessions"],
  ["level", "levels"], ["page", "pages"], ["post", "posts"], ["note", "notes"],
];

const SINGULAR = new Map<string, string>();
for (const [s, p] of KNOWN) {
  SINGULAR.set(s, s);
  SINGULAR.set(p, s);
}

export function singularOf(word: string): string | null {
  return SINGULAR.get(word.toLowerCase()) ?? null;
}

export function pluralOf(singular: string): string {
  const s = singular.toLowerCase();
  const known = KNOWN.find(([a]) => a === s);
  if (known) return known[1];
  if (/[^aeiou]y$/.test(s)) return `${s.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(s)) return `${s}es`;
  return `${s}s`;
}

export function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

/** Regex source for any level noun (singular or plural) of the given names, or of all known ones. */
export function levelNounSource(levels?: string[]): string {
  const words = new Set<string>();
  const names = levels && levels.length > 0 ? levels.map((l) => l.toLowerCase()) : KNOWN.map(([s]) => s);
  for (const n of names) {
    words.add(n);
    words.add(pluralOf(n));
  }
  return `(?:${[...words].sort((a, b) => b.length - a.length).map(escapeRegex).join("|")})`;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
