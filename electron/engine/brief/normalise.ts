/**
 * Briefs in French, German, Spanish, Italian and Portuguese (and dates in Chinese and Japanese)
 * are read by the same grammar as English ones: their structural words (articles, ordinals,
 * "each", "about", "words", month names, date forms) are put into English first, clause by clause,
 * so that counts, lengths, nesting and unit references read the same way. Content words are left
 * alone, and every requirement keeps the writer's own sentence.
 */

type Table = [RegExp, string][];

const w = (words: string, to: string, flags = "gi"): [RegExp, string] => [new RegExp(`(?<![\\p{L}])(?:${words})(?![\\p{L}])`, `${flags}u`), to];

const ORDINALS_FR: Table = [
  w("premier|première|premiers|premières|1er|1re", "first"), w("deuxième|second|seconde", "second"), w("troisième", "third"), w("quatrième", "fourth"),
  w("cinquième", "fifth"), w("sixième", "sixth"), w("septième", "seventh"), w("huitième", "eighth"), w("neuvième", "ninth"), w("dixième", "tenth"),
  w("avant-dernier|avant-dernière", "penultimate"), w("dernier|dernière|derniers|dernières", "last"),
];

/** Small numbers in words, 1 to 20 and the tens: the counts briefs use most. */
const NUMBER_WORDS: Record<string, string[]> = {
  fr: ["un|une", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt"],
  de: ["eins|einen", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn", "zwanzig"],
  es: ["uno|una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve", "veinte"],
  it: ["uno|una", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove", "dieci", "undici", "dodici", "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove", "venti"],
  pt: ["um|uma", "dois|duas", "três", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez", "onze", "doze", "treze", "catorze|quatorze", "quinze", "dezesseis|dezasseis", "dezessete|dezassete", "dezoito", "dezenove|dezanove", "vinte"],
};

const TABLES: Record<string, Table> = {
  fr: [
    ...ORDINALS_FR,
    w("chacun|chacune", "each"), w("chaque|tous les|toutes les", "every"), w("environ|à peu près|autour de", "about"), w("au moins", "at least"),
    w("mots", "words"), w("caractères", "characters"), w("au total|en tout", "in total"), w("par", "per"),
    w("du|de la|de l'|des", "of the"), w("au|à la|aux", "in the"), w("le|la|les|l'", "the"), w("de|d'", "of"), w("et", "and"), w("à", "to"), w("en", "in"),
    w("leçon", "lesson"), w("leçons", "lessons"), w("chapitre", "chapter"), w("chapitres", "chapters"), w("partie", "part"), w("parties", "parts"),
    w("semaine", "week"), w("semaines", "weeks"), w("jour", "day"), w("jours", "days"), w("saison", "season"), w("saisons", "seasons"), w("épisode", "episode"), w("épisodes", "episodes"),
    w("janvier", "January"), w("février", "February"), w("mars", "March"), w("avril", "April"), w("mai", "May"), w("juin", "June"), w("juillet", "July"),
    w("août", "August"), w("septembre", "September"), w("octobre", "October"), w("novembre", "November"), w("décembre", "December"),
  ],
  de: [
    w("erste|ersten|erster|erstes", "first"), w("zweite|zweiten|zweiter", "second"), w("dritte|dritten|dritter", "third"), w("vierte|vierten", "fourth"),
    w("fünfte|fünften", "fifth"), w("letzte|letzten|letzter|letztes", "last"), w("vorletzte|vorletzten", "penultimate"),
    w("je|jeweils", "each"), w("pro", "per"), w("jede|jeder|jedes|jeden", "every"), w("etwa|ungefähr|rund|circa|ca\\.", "about"), w("mindestens", "at least"),
    w("Wörter|Wörtern|Worte", "words"), w("Zeichen", "characters"), w("insgesamt", "in total"),
    w("vom", "from"), w("bis", "to"), w("am|im", "on the"), w("der|die|das|den|dem|des", "the"), w("ein|eine|einen|einem", "one"), w("und", "and"), w("von", "of"), w("mit", "with"), w("in", "in"),
    w("Eintrag", "entry"), w("Einträge|Einträgen", "entries"), w("Tag", "day"), w("Tage|Tagen", "days"), w("Woche", "week"), w("Wochen", "weeks"),
    w("Monat", "month"), w("Monate|Monaten", "months"), w("Teil", "part"), w("Teile|Teilen", "parts"), w("Folge", "episode"), w("Folgen", "episodes"),
    w("Staffel", "season"), w("Staffeln", "seasons"), w("Szene", "scene"), w("Szenen", "scenes"), w("Kapiteln", "chapters"),
    w("Januar", "January"), w("Februar", "February"), w("März", "March"), w("Mai", "May"), w("Juni", "June"), w("Juli", "July"),
    w("Oktober", "October"), w("Dezember", "December"),
  ],
  es: [
    w("primer|primero|primera|primeros|primeras", "first"), w("segundo|segunda", "second"), w("tercer|tercero|tercera", "third"), w("cuarto|cuarta", "fourth"),
    w("quinto|quinta", "fifth"), w("último|última|últimos|últimas", "last"), w("penúltimo|penúltima", "penultimate"),
    w("cada uno|cada una", "each"), w("cada|todos los|todas las", "every"), w("unas|unos|aproximadamente|alrededor de|cerca de", "about"), w("al menos", "at least"),
    w("palabras", "words"), w("caracteres", "characters"), w("en total", "in total"), w("por", "per"),
    w("toda la|todo el", "all of the"), w("del|de la|de los|de las", "of the"), w("el|la|los|las", "the"), w("de", "of"), w("y", "and"), w("en", "in"),
    w("temporada", "season"), w("temporadas", "seasons"), w("episodio", "episode"), w("episodios", "episodes"), w("capítulo", "chapter"), w("capítulos", "chapters"),
    w("entrada", "entry"), w("entradas", "entries"),
    w("parte", "part"), w("partes", "parts"), w("día", "day"), w("días", "days"), w("semana", "week"), w("semanas", "weeks"),
    w("enero", "January"), w("febrero", "February"), w("marzo", "March"), w("abril", "April"), w("mayo", "May"), w("junio", "June"), w("julio", "July"),
    w("agosto", "August"), w("septiembre|setiembre", "September"), w("octubre", "October"), w("noviembre", "November"), w("diciembre", "December"),
  ],
  it: [
    w("primo|prima|primi|prime", "first"), w("secondo|seconda", "second"), w("terzo|terza", "third"), w("quarto|quarta", "fourth"), w("quinto|quinta", "fifth"),
    w("sesto|sesta", "sixth"), w("settimo|settima", "seventh"), w("ottavo|ottava", "eighth"), w("nono|nona", "ninth"), w("decimo|decima", "tenth"),
    w("ultimo|ultima|ultimi|ultime", "last"), w("penultimo|penultima", "penultimate"),
    w("ciascuno|ciascuna|ognuno|ognuna", "each"), w("ogni|tutti i|tutte le", "every"), w("circa|all'incirca|più o meno", "about"), w("almeno", "at least"),
    w("parole", "words"), w("caratteri", "characters"), w("in totale", "in total"), w("per", "per"),
    w("nel|nello|nella|nei|negli|nelle", "in the"), w("del|dello|della|dei|degli|delle", "of the"), w("il|lo|la|i|gli|le|l'", "the"), w("di", "of"), w("e", "and"),
    w("capitolo", "chapter"), w("capitoli", "chapters"), w("parte", "part"), w("parti", "parts"), w("giorno", "day"), w("giorni", "days"), w("stagione", "season"), w("stagioni", "seasons"),
    w("gennaio", "January"), w("febbraio", "February"), w("marzo", "March"), w("aprile", "April"), w("maggio", "May"), w("giugno", "June"), w("luglio", "July"),
    w("agosto", "August"), w("settembre", "September"), w("ottobre", "October"), w("novembre", "November"), w("dicembre", "December"),
  ],
  pt: [
    w("primeiro|primeira|primeiros|primeiras", "first"), w("segundo|segunda", "second"), w("terceiro|terceira", "third"), w("último|última|últimos|últimas", "last"),
    w("cada um|cada uma", "each"), w("cada|todos os|todas as", "every"), w("cerca de|aproximadamente|por volta de", "about"), w("pelo menos", "at least"),
    w("palavras", "words"), w("caracteres", "characters"), w("no total|ao todo", "in total"), w("por", "per"),
    w("no|na|nos|nas", "in the"), w("do|da|dos|das", "of the"), w("o|a|os|as", "the"), w("de", "of"), w("e", "and"), w("em", "in"),
    w("capítulo", "chapter"), w("capítulos", "chapters"), w("parte", "part"), w("partes", "parts"), w("dia", "day"), w("dias", "days"), w("temporada", "season"), w("temporadas", "seasons"),
    w("janeiro", "January"), w("fevereiro", "February"), w("março", "March"), w("abril", "April"), w("maio", "May"), w("junho", "June"), w("julho", "July"),
    w("agosto", "August"), w("setembro", "September"), w("outubro", "October"), w("novembro", "November"), w("dezembro", "December"),
  ],
};

const MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Whether a language's structural words are put into English before reading. */
export function normalisedLanguage(language: string): boolean {
  return language in TABLES || language === "zh" || language === "ja";
}

/** One line of a brief with its structural words in English; line breaks and punctuation kept. */
export function normaliseLine(line: string, language: string): string {
  let s = line;
  if (language === "zh" || language === "ja") return normaliseCjkDates(s);
  // "1 500 mots", "3.000 palabras": thousands written with a space or a dot
  s = s.replace(/(\d{1,3})[  .](\d{3})(?=\s*\p{L})/gu, "$1$2");
  s = ordinalDots(s, language);
  // "del 9 al 11", "dalla 10 alla 12", "5 a 7", "4 à 6", "vom 13 bis 17": number ranges
  s = s.replace(/\b(?:del|desde\s+el|dalla|dal|dallo|do|du)\s+(\d{1,3})\s+(?:al|hasta\s+el|alla|al|allo|ao|au)\s+(\d{1,3})\b/giu, "from $1 to $2");
  s = s.replace(/\b(\d{1,3})\s+(?:a|al|à|alla|ao|au)\s+(\d{1,3})\b/gu, "$1 to $2");
  // elided articles: "l'ultimo", "dell'eruzione", "d'environ"
  if (language === "fr" || language === "it") {
    s = s.replace(/(?<![\p{L}])(dell|nell|all|sull)['’](?=\p{L})/giu, (m, w: string) => `${/^d/i.test(w) ? "of" : /^n/i.test(w) ? "in" : /^s/i.test(w) ? "on" : "to"} the `);
    s = s.replace(/(?<![\p{L}])([lL])['’](?=\p{L})/gu, (_, l: string) => (l === "L" ? "The " : "the "));
    s = s.replace(/(?<![\p{L}])([dD])['’](?=\p{L})/gu, "of ");
  }
  // keep a capital where the writer had one: sentences still start with one
  // numbers in words (not "un"/"one", an article as often as a number)
  (NUMBER_WORDS[language] ?? []).forEach((words, k) => {
    if (k === 0) return;
    s = s.replace(new RegExp(`(?<![\\p{L}])(?:${words})(?![\\p{L}])`, "giu"), String(k + 1));
  });
  if (language === "de") s = s.replace(/\bmit\s+jeweils\b/gi, "each with").replace(/\bjedes\b/gi, "of every").replace(/\bTeils\b/g, "part");
  if (language === "es" || language === "pt") s = s.replace(/\b(?:desde|de)\s+(?:el|o)\s+(?=\d)/gi, "from ").replace(/\b(?:hasta|até)\s+(?:el|o)\s+(?=\d)/gi, "to ").replace(/\b(?:el|o)\s+(?=\d)/gi, "");
  for (const [re, to] of TABLES[language] ?? []) s = s.replace(re, (m) => (/^\p{Lu}/u.test(m) && /^\p{Ll}/u.test(to) ? to[0]!.toUpperCase() + to.slice(1) : to));
  // sentences still start with a capital, whatever their first word became
  s = s.replace(/([.!?]\s+)(\p{Ll})/gu, (_, gap: string, c: string) => gap + c.toUpperCase());
  if (/^\s*\p{Lu}/u.test(line)) s = s.replace(/^(\s*)(\p{Ll})/u, (_, sp: string, c: string) => sp + c.toUpperCase());
  // a German count keeps "Kapitel" singular in form: "12 Kapitel" are chapters
  s = s.replace(/(\d+|\b[a-z]+)\s+Kapitel\b/g, (m, n: string) => (/^(?:1|one|the)$/i.test(n) ? `${n} chapter` : `${n} chapters`)).replace(/\bKapitel\b/g, "Chapter").replace(/\bkapitel\b/g, "chapter");
  return s;
}

/** German "3. Oktober", "vom 1. bis 31.": an ordinal's dot, which is no full stop. */
export function ordinalDots(line: string, language: string): string {
  return language === "de" ? line.replace(/(?<![\d.])(\d{1,2})\.(?=\s)/g, "$1") : line;
}

/** "2025年1月20日" → "20 January 2025", "从…到…/至" → "from … to …": dates the calendar reader knows. */
function normaliseCjkDates(line: string): string {
  return line
    .replace(/(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]/g, (_, y: string | undefined, m: string, d: string) => ` ${Number(d)} ${MONTHS_EN[Number(m) - 1]}${y ? ` ${y}` : ""} `)
    .replace(/从|從|から/g, " from ")
    .replace(/\s*(?:写到|寫到|到|至|まで|~|～)\s*(?=\s\d)/g, " to ");
}
