/** Which levels of a structure form a grid, by level name. */
import type { GridSpec, StructureLevel } from "./types";

export function gridsOf(brief: { structure: StructureLevel[] }): Record<string, GridSpec> {
  return Object.fromEntries(brief.structure.filter((l) => l.grid).map((l) => [l.name, l.grid!]));
}
