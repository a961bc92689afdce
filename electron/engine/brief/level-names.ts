/**
 * Unit nouns writers use for the parts of a document ("chapter", "letter", "floor", "canto",
 * "chapitre", "Kapitel"), singular ⇄ plural, with the concept each stands for so that "week 19"
 * finds a weekly calendar and "storey" finds floors. The structure reader also accepts nouns not
 * listed here when the brief itself uses them as units ("Sermon 3", "each sermon").
 */

export type Concept = "day" | "week" | "month" | "quarter" | "year" | "floor" | "leaf" | "other";

interface Noun {
  singular: string;
  plural: string;
  concept: Concept;
}

const noun = (singular: string, plural = `${singular}s`, concept: Concept = "other"): Noun => ({ singular, plural, concept });

const ENGLISH: Noun[] = [
  noun("part"), noun("book"), noun("volume"), noun("act"), noun("scene"), noun("chapter"), noun("section"),
  noun("entry", "entries", "leaf"), noun("letter"), noun("lesson"), noun("module"), noun("unit"), noun("floor", "floors", "floor"),
  noun("storey", "storeys", "floor"), noun("level", "levels", "floor"), noun("day", "days", "day"), noun("week", "weeks", "week"),
  noun("month", "months", "month"), noun("year", "years", "year"), noun("episode"), noun("instalment", "instalments", "leaf"),
  noun("installment", "installments", "leaf"), noun("essay"), noun("story", "stories"), noun("tale"), noun("poem"), noun("article"),
  noun("step"), noun("stage"), noun("leg"), noun("canto"), noun("sermon"), noun("report"), noun("session"), noun("post"),
  noun("spread"), noun("plot"), noun("block"), noun("room"), noun("stop"), noun("station"), noun("sketch", "sketches"),
  noun("vignette"), noun("movement"), noun("issue"), noun("newsletter"), noun("edition"), noun("segment"), noun("track"),
  noun("round"), noun("term"), noun("class", "classes"), noun("tutorial"), noun("exercise"), noun("recipe"), noun("menu"),
  noun("interview"), noun("profile"), noun("portrait"), noun("fragment"), noun("panel"), noun("slide"),
  noun("card"), noun("question"), noun("puzzle"), noun("riddle"), noun("meditation"), noun("devotion"), noun("prayer"),
  noun("homily", "homilies"), noun("lecture"), noun("talk"), noun("briefing"), noun("bulletin"), noun("dispatch", "dispatches"),
  noun("page"), noun("walk"), noun("route"), noun("tour"), noun("hike"), noun("trail"), noun("district"),
  noun("zone"), noun("ward"), noun("wing"), noun("hall"), noun("gallery", "galleries"), noun("exhibit"), noun("quest"),
  noun("mission"), noun("level"), noun("region"), noun("island"), noun("planet"), noun("tablet"), noun("scroll"),
  noun("verse"), noun("stanza"), noun("song"), noun("hymn"), noun("psalm"), noun("fable"), noun("parable"), noun("myth"),
  noun("legend"), noun("chronicle"), noun("memo"), noun("note"), noun("card"), noun("prompt"), noun("chapterlet"),
  noun("interlude"), noun("vignette"), noun("profile"), noun("dialogue"), noun("monologue"), noun("speech", "speeches"),
  noun("broadcast"), noun("podcast"), noun("part"), noun("week"), noun("night", "nights", "day"), noun("evening", "evenings", "day"), noun("morning", "mornings", "day"),
  noun("stage"), noun("phase"), noun("quarter", "quarters", "quarter"), noun("season"),   noun("course"), noun("bed"), noun("stall"), noun("cell"), noun("square"), noun("lot"), noun("tile"), noun("pitch", "pitches"),
  noun("description", "descriptions", "leaf"), noun("piece", "pieces", "leaf"), noun("item", "items", "leaf"),
];

const OTHER_LANGUAGES: Noun[] = [
  // French
  noun("chapitre", "chapitres"), noun("partie", "parties"), noun("scène", "scènes"), noun("acte", "actes"), noun("lettre", "lettres"),
  noun("jour", "jours", "day"), noun("semaine", "semaines", "week"), noun("mois", "mois", "month"), noun("leçon", "leçons"),
  noun("épisode", "épisodes"), noun("livre", "livres"), noun("étage", "étages", "floor"), noun("nouvelle", "nouvelles"),
  // German
  noun("kapitel", "kapiteln"), noun("teil", "teile"), noun("abschnitt", "abschnitte"), noun("szene", "szenen"), noun("akt", "akte"),
  noun("woche", "wochen", "week"), noun("monat", "monate", "month"),
  noun("lektion", "lektionen"), noun("folge", "folgen"), noun("buch", "bücher"), noun("stockwerk", "stockwerke", "floor"),
  noun("etage", "etagen", "floor"), noun("geschichte", "geschichten"),
  // Spanish, Italian, Portuguese
  noun("capítulo", "capítulos"), noun("parte", "partes"), noun("sección", "secciones"), noun("escena", "escenas"), noun("acto", "actos"),
  noun("carta", "cartas"), noun("día", "días", "day"), noun("semana", "semanas", "week"), noun("mes", "meses", "month"),
  noun("lección", "lecciones"), noun("episodio", "episodios"), noun("libro", "libros"), noun("piso", "pisos", "floor"), noun("cuento", "cuentos"),
  noun("capitolo", "capitoli"), noun("sezione", "sezioni"), noun("scena", "scene"), noun("atto", "atti"), noun("lettera", "lettere"),
  noun("giorno", "giorni", "day"), noun("settimana", "settimane", "week"), noun("mese", "mesi", "month"), noun("lezione", "lezioni"),
  noun("racconto", "racconti"), noun("piano", "piani", "floor"),
  noun("seção", "seções"), noun("cena", "cenas"), noun("ato", "atos"), noun("dia", "dias", "day"), noun("lição", "lições"),
  noun("episódio", "episódios"), noun("conto", "contos"), noun("andar", "andares", "floor"),
  // recipes, the units of cookbooks in every language
  noun("ricetta", "ricette"), noun("receta", "recetas"), noun("recette", "recettes"), noun("rezept", "rezepte"), noun("recept", "recepten"), noun("receita", "receitas"),
  noun("poesia", "poesie"), noun("poema", "poemas"), noun("poème", "poèmes"), noun("gedicht", "gedichte"),
  noun("racconto", "racconti"), noun("relato", "relatos"), noun("verhaal", "verhalen"), noun("hoofdstuk", "hoofdstukken"),
];

const NOUNS = [...ENGLISH, ...OTHER_LANGUAGES];
const BY_WORD = new Map<string, Noun>();
for (const n of NOUNS) {
  if (!BY_WORD.has(n.singular)) BY_WORD.set(n.singular, n);
  if (!BY_WORD.has(n.plural)) BY_WORD.set(n.plural, n);
}
// German "Kapitel" is its own plural; a German count takes the dative ("mit 30 Rezepten", "in 12 Abschnitten")
BY_WORD.set("kapitel", NOUNS.find((n) => n.singular === "kapitel")!);
for (const n of NOUNS) if (/e$/.test(n.plural) && ["rezept", "abschnitt", "akt", "teil", "gedicht", "monat"].includes(n.singular)) BY_WORD.set(`${n.plural}n`, n);

/** The singular of a known unit noun ("Chapters" → "chapter"), or null for words that are not unit nouns. */
export function singularOf(word: string): string | null {
  return BY_WORD.get(word.toLowerCase())?.singular ?? null;
}

/** What a unit noun stands for: a calendar period, a floor, a generic leaf ("entry"), or another unit. */
export function conceptOf(word: string): Concept | null {
  const w = word.toLowerCase();
  return BY_WORD.get(w)?.concept ?? BY_WORD.get(guessSingular(w))?.concept ?? null;
}

export function isKnownUnitNoun(word: string): boolean {
  return BY_WORD.has(word.toLowerCase());
}

export function pluralOf(singular: string): string {
  const s = singular.toLowerCase();
  const known = BY_WORD.get(s);
  if (known && known.singular === s) return known.plural;
  if (/[^aeiou]y$/.test(s)) return `${s.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(s)) return `${s}es`;
  return `${s}s`;
}

/** The singular of any English noun, known or not ("sermons" → "sermon", "entries" → "entry"). */
export function guessSingular(word: string): string {
  const w = word.toLowerCase();
  const known = BY_WORD.get(w);
  if (known) return known.singular;
  if (/ies$/.test(w)) return `${w.slice(0, -3)}y`;
  if (/(ches|shes|xes|sses)$/.test(w)) return w.slice(0, -2);
  if (/[^s]s$/.test(w)) return w.slice(0, -1);
  return w;
}

export function capitalise(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

/** Regex source for the singular and plural of the given nouns, or of every known unit noun. */
export function levelNounSource(levels?: string[]): string {
  const words = new Set<string>();
  const names = levels && levels.length > 0 ? levels.map((l) => l.toLowerCase()) : NOUNS.map((n) => n.singular);
  for (const n of names) {
    words.add(n);
    words.add(pluralOf(n));
  }
  return `(?:${[...words].sort((a, b) => b.length - a.length).map(escapeRegex).join("|")})`;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Every known unit noun, singular and plural. */
export function allUnitNouns(): string[] {
  return [...BY_WORD.keys()];
}
