/** 32-bit FNV-1a, hex: a short stable name for a finding's passage. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** A finding's identity across checks and reloads: the same passage flagged the same way is the same finding. */
export function findingKey(unitId: string, f: { monitor: string; code: string; message: string; excerpt?: string }): string {
  return `${unitId}:${f.monitor}:${f.code}:${hash((f.excerpt ?? f.message).trim())}`.slice(0, 300);
}
