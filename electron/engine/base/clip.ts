/** A text shortened to `max` characters, ending with an ellipsis when cut (for prompts that quote the writer). */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`;
}
