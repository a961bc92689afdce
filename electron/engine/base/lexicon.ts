/**
 * The ordinary words of a project's language, as the engine asks about them (the node layer
 * supplies one from a spell-checking dictionary; see node/lexicon/language-lexicon.ts).
 */
export interface Lexicon {
  /** the language it knows, BCP-47 */
  readonly language: string;
  /** whether the dictionary knows this word, as written ("Monday", "Hal") or in lower case ("Have") */
  knows(word: string): boolean;
}
