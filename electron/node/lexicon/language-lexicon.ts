/**
 * The ordinary words of a project's language, for the name monitor (engine/monitors/name-drift):
 * a Hunspell dictionary read by nspell. wooorm's dictionary-* packages are the maintained npm
 * builds of the LibreOffice/SCOWL dictionaries, one package per language with the same shape,
 * so a language is one line below; nspell reads their affix rules, so "Hopes", "dawned" and
 * "hands" are words without a list of every inflection.
 *
 * Loading takes about half a second, so each dictionary loads once per process, on first use.
 * A language with no dictionary here gets none (undefined): the monitor then learns ordinary
 * words from the text alone and says it is less sure.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import nspell from "nspell";
import type { Lexicon } from "../../engine/index";

/** Dictionary packages by BCP-47 tag (lower case); a language's other regions fall back as noted. */
const PACKAGES: Record<string, string> = {
  en: "dictionary-en",
  "en-us": "dictionary-en",
  "en-ca": "dictionary-en",
  "en-gb": "dictionary-en-gb",
  // Commonwealth spelling ("colour", "grey") is British
  "en-au": "dictionary-en-gb",
  "en-nz": "dictionary-en-gb",
  "en-ie": "dictionary-en-gb",
  "en-za": "dictionary-en-gb",
  "en-in": "dictionary-en-gb",
};

/** Which dictionary package serves a language tag, or null. */
export function dictionaryFor(language: string): string | null {
  const tag = language.trim().toLowerCase().replace(/_/g, "-");
  return PACKAGES[tag] ?? PACKAGES[tag.split("-")[0]!] ?? null;
}

const require = createRequire(import.meta.url);
const loaded = new Map<string, Promise<Lexicon | undefined>>();

async function load(pkg: string, language: string): Promise<Lexicon | undefined> {
  // read the package's files where npm put them (the package's own loader uses import.meta.url,
  // which a bundler would point elsewhere)
  const dir = dirname(require.resolve(pkg));
  const [aff, dic] = await Promise.all([readFile(join(dir, "index.aff")), readFile(join(dir, "index.dic"))]);
  const spell = nspell({ aff, dic });
  return {
    language,
    knows(word: string): boolean {
      const w = word.replace(/’/g, "'");
      return spell.correct(w) || spell.correct(w.toLowerCase());
    },
  };
}

/** The lexicon for a project's language; undefined when Quire has no dictionary for it (or it cannot be read). */
export function languageLexicon(language: string): Promise<Lexicon | undefined> {
  const pkg = dictionaryFor(language);
  if (!pkg) return Promise.resolve(undefined);
  let p = loaded.get(pkg);
  if (!p) {
    // a dictionary that fails to load leaves the monitor on the text's own words, not broken
    p = load(pkg, language).catch(() => undefined);
    loaded.set(pkg, p);
  }
  return p;
}
