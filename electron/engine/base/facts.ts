/**
 * The fact table: what holds about each entity, from which unit on (so "dead from chapter 12"
 * is expressible). Plain bookkeeping shared by the monitors that fill it and read it.
 */
import type { Lexicon } from "./lexicon";

export interface Fact {
  entity: string;
  attribute: string;
  value: string;
  /** 1-based leaf index (document order) from which the fact holds. */
  fromUnit: number;
  /** Last unit it holds for; null = to the end. */
  toUnit: number | null;
  /** "bible", "brief" or "unit N". */
  source: string;
  confirmed: boolean;
}

export interface KnownEntity {
  name: string;
  aliases: string[];
  kind: string;
}

export class FactTable {
  readonly facts: Fact[] = [];
  /** @param lexicon the ordinary words of the project's language, for telling a drifted name from a word */
  constructor(
    readonly entities: KnownEntity[] = [],
    readonly lexicon?: Lexicon,
  ) {}

  add(f: Fact): void {
    this.facts.push(f);
  }

  /** Facts about an entity's attribute holding at unit n. */
  at(entity: string, attribute: string, n: number): Fact[] {
    return this.facts.filter((f) => f.entity === entity && f.attribute === attribute && f.fromUnit <= n && (f.toUnit === null || n <= f.toUnit));
  }

  isDeadAt(entity: string, n: number): Fact | undefined {
    return this.at(entity, "status", n).find((f) => f.value === "dead");
  }

  /** Canonical name for a name or alias. */
  canonical(name: string): string | null {
    const lower = name.toLowerCase();
    for (const e of this.entities) if (e.name.toLowerCase() === lower || e.aliases.some((a) => a.toLowerCase() === lower)) return e.name;
    // first names: "Anna" for "Anna Berg"
    for (const e of this.entities) if (e.kind === "character" && e.name.split(/\s+/)[0]?.toLowerCase() === lower) return e.name;
    return null;
  }

  allNames(): string[] {
    return this.entities.flatMap((e) => [e.name, ...e.aliases, ...(e.kind === "character" ? [e.name.split(/\s+/)[0]!] : [])]);
  }
}
