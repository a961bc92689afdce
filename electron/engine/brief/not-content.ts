/**
 * Sentences that name units but ask for no content in them: prohibitions ("No one dies in chapter
 * 3", "The ghost is never seen in season one", "NO proposal anywhere"), units said to be optional
 * ("Week 5's reading is optional"), asides about the structure ("The interval falls after Act II"),
 * and instructions for every unit about layout, voice or length ("Each letter needs a date line at
 * the top", "Every chapter should stay inside her head", "each chapter a little shorter than the
 * one before"). None of them is an item a unit must contain; they stay in the brief's instructions,
 * which the drafting prompts quote, and never become a required item to be checked off.
 *
 * A negated event is still content ("Tom doesn't come home in chapter 5" is what happens there):
 * only a sentence that forbids (opens with "no one", "nobody", "never", "don't", "avoid", "no X", or
 * says "must not", "is never …") is a prohibition.
 */
import type { Placement } from "./types";

/** A clause that opens by forbidding, after any place it starts with ("In chapter 3, nobody …"). */
const FORBIDS_AT_START =
  /^(?:(?:in|on|during|before|after|until|by|from|for)\s+[^,]{1,40},\s*)?(?:and\s+|but\s+|also\s+)?(?:please\s+)?(?:no[\s-]one|nobody|nothing\s+(?:bad|terrible|violent)|never\b|don['’]?t\b|do\s+not\b|avoid\b|under\s+no\s+circumstances|there\s+(?:is|are|should\s+be|must\s+be|will\s+be|can\s+be)\s+no\b|there['’]s\s+no\b|no\s+(?!\d)\p{L}+)/iu;
/** A clause that forbids with its verb ("Chapter 3 should not contain any violence", "I don't want a wedding in …"). */
const FORBIDS_IN_VERB =
  /\b(?:must\s+not|mustn['’]t|should\s+not|shouldn['’]t|may\s+not|is\s+not\s+to|are\s+not\s+to|at\s+no\s+point|(?:I|we)\s+(?:don['’]?t|do\s+not)\s+want\b(?!\s+to\s+(?:say|decide|specify|pin|choose|fix|dictate|be\s+prescriptive)))/i;
/** "is never seen": a prohibition on what the units show, unless the units themselves are its subject. */
const NEVER = /\b(?:(?:is|are|gets?|get)\s+never|never\s+(?:appears?|shows?\s+up|is\s+seen|gets?\s+seen|comes?\s+back))\b/i;
/** "Week 5's reading is optional": the unit, or what it holds, may be skipped. */
const OPTIONAL = /^(?:['’]s\s+)?(?:[\p{L}-]+\s+){0,3}(?:is|are)\s+(?:entirely\s+|completely\s+|purely\s+)?optional\b/iu;
/** "The interval falls after Act II; no extra scene is needed": where a break sits, not what a unit holds. */
const STRUCTURE_ASIDE =
  /\b(?:interval|intermission|ad\s+break|commercial\s+break)\s+(?:falls|comes|goes|is|sits|happens|takes\s+place)\s+(?:after|before|between|at)\b|^(?:\p{L}+\s+){0,2}no\s+(?:extra|additional|separate)\s+\p{L}+\s+(?:is\s+|are\s+)?(?:needed|required|necessary)\b/iu;
/** Layout every unit shares: a date line at the top, a sign-off, a header. */
const LAYOUT = /\b(?:date\s*line|(?:date|place|title|address)\s+(?:line|header)|at\s+the\s+(?:top|head|bottom|foot)\b|sign[- ]?off|signed\s+off|salutation|letterhead|header|footer|running\s+head)\b/i;
/** Voice and length for every unit: whose head we are in, how long each is against the others. */
const VOICE_OR_LENGTH =
  /\b(?:close\s+third|head[- ]?hopping|(?:inside|in|within)\s+(?:his|her|their|its|one\s+character['’]s|the\s+narrator['’]s)\s+(?:head|mind|perspective)|perspective|shorter|longer|briefer|the\s+same\s+length)\b/i;

/**
 * What a sentence says of its units when it only sets their length, tense or person, or says
 * something is not needed ("Chapter 3 should be shorter than the others", "Chapters 1-3 are in
 * present tense", "Keep chapter 9 tight", "Chapter 10 doesn't need a cliffhanger", "Chapter 11 has
 * no dialogue"): read on the piece's content once its unit is taken out.
 */
const COPULA = String.raw`(?:(?:is|are|should|must|can|could|will|may|might|needs?\s+to|has\s+to|have\s+to|to)\s+)?(?:(?:be|run|stay|remain|feel|read|keep|kept)\s+)?`;
const DEGREE = String.raw`(?:(?:a\s+(?:bit|little|lot|touch)|much|slightly|even|quite|very|fairly|noticeably)\s+)?`;
const LENGTH_ONLY = new RegExp(String.raw`^(?:keep\s+)?${COPULA}${DEGREE}(?:shorter|longer|tighter|briefer|brief|short|long|tight|quicker|slower)(?=\s*(?:than\b|[.,;!)]|$))`, "i");
const TENSE_OR_PERSON = new RegExp(String.raw`^${COPULA}(?:(?:written|told|narrated|set\s+down)\s+)?(?:entirely\s+|all\s+)?(?:in|from)\s+(?:the\s+)?(?:(?:present|past|future)\s+tense|(?:first|second|third)[- ]person|close\s+third)\b`, "i");
const NOT_NEEDED = /^(?:doesn['’]t|does\s+not|don['’]t|do\s+not|needn['’]t)\s+(?:need|have\s+to|require)\b|^(?:has|have|contains?|includes?|features?)\s+no\b/i;

/** What the writer may do to the units, or has done: "Feel free to merge chapters 4 and 5", "Chapters 1-3 are already drafted". */
const EDITS_OR_DONE =
  /\b(?:feel\s+free\s+to|you\s+(?:can|could|may)|if\s+(?:you\s+)?(?:need|want|like|must|have\s+to))\b[^.]{0,40}\b(?:rearrange|reorder|re-order|merge|split|swap|combine|cut|drop|skip|shorten|lengthen|expand|move|rename|renumber)\b|\b(?:already\s+(?:drafted|written|done|finished|exist)|(?:is|are)\s+(?:drafted|written|done|finished)\s+already)\b/i;
/** A unit's name, not its content: "Chapter 3's title is 'The Well'", "Part Two is called 'Salt'". */
const NAMES_IT = /^(?:['’]s\s+)?(?:title|heading|name)\s+(?:is|should\s+be|will\s+be|could\s+be)\b|^(?:is|should\s+be|will\s+be|could\s+be)\s+(?:called|titled|entitled|named|headed)\b/i;

/** Why a piece of a clause, placed as it is, asks for no content; null when it does. */
export function whyNoContent(text: string, content: string, placement: Placement): string | null {
  const t = text.trim();
  // "The final two letters are never sent": the units themselves are the subject, and that is what happens in them
  const unitIsSubject = /^(?:is|are|gets?|get)\b/i.test(content.trim());
  if (FORBIDS_AT_START.test(t) || FORBIDS_IN_VERB.test(t) || (NEVER.test(t) && !unitIsSubject)) return "a prohibition, kept as an instruction";
  if (OPTIONAL.test(content.trim())) return "says what is optional";
  const said = content.trim().replace(/^(?:and|but|also|then)\s+/i, "");
  if (LENGTH_ONLY.test(said) || TENSE_OR_PERSON.test(said)) return "sets length, tense or person, not content";
  if (NOT_NEEDED.test(said)) return "says what is not needed";
  if (STRUCTURE_ASIDE.test(t) || EDITS_OR_DONE.test(t)) return "an aside about the structure";
  if (NAMES_IT.test(content.trim()) && !/\b(?:and|where|in\s+which|with|but|when)\b/i.test(content.replace(/["“‘'][^"”’']*["”’']/g, ""))) return "names the unit, which its heading holds";
  // "start at chapter 4": where to draft from, not what to draft
  if (/^(?:start|begin|stop|resume|continue|pick\s+up|carry\s+on|finish)(?:\s+(?:there|here|again|drafting|writing))?[.!]?$/i.test(content.trim())) return "a drafting instruction";
  if (everyUnit(placement) && (LAYOUT.test(content) || VOICE_OR_LENGTH.test(content))) return "an instruction for every unit's layout, voice or length";
  return null;
}

function everyUnit(p: Placement): boolean {
  return p.kind === "periodic" && p.every === 1 && p.start === 1;
}
