/**
 * Shortcuts are written once, as "Mod+Shift+F" (Mod is ⌘ on a Mac, Ctrl elsewhere), and both
 * matched against key events and shown to the writer from that one spelling.
 */
const isMac = typeof navigator === "object" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

interface Parsed {
  mod: boolean;
  shift: boolean;
  alt: boolean;
  key: string;
}

function parse(keys: string): Parsed {
  const parts = keys.split("+");
  const key = parts.pop()!;
  return { mod: parts.includes("Mod"), shift: parts.includes("Shift"), alt: parts.includes("Alt"), key: key.toLowerCase() };
}

export function matchesKeys(e: KeyboardEvent, keys: string): boolean {
  const p = parse(keys);
  const mod = isMac ? e.metaKey : e.ctrlKey;
  if (mod !== p.mod || e.shiftKey !== p.shift || e.altKey !== p.alt) return false;
  // e.code keeps digits and letters stable under Shift and other layouts' symbols
  const fromCode = e.code.startsWith("Key") ? e.code.slice(3).toLowerCase() : e.code.startsWith("Digit") ? e.code.slice(5) : null;
  return e.key.toLowerCase() === p.key || fromCode === p.key || (p.key === "," && e.code === "Comma");
}

const MAC: Record<string, string> = { Mod: "⌘", Shift: "⇧", Alt: "⌥" };
const NAMES: Record<string, string> = { ArrowUp: "↑", ArrowDown: "↓", ArrowLeft: "←", ArrowRight: "→", Escape: "Esc" };

export function shortcutLabel(keys: string): string {
  const parts = keys.split("+");
  if (isMac) return parts.map((p) => MAC[p] ?? NAMES[p] ?? p.toUpperCase()).join("");
  return parts.map((p) => (p === "Mod" ? "Ctrl" : (NAMES[p] ?? (p.length === 1 ? p.toUpperCase() : p)))).join("+");
}
