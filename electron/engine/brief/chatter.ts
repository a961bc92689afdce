/**
 * Sentences of a pasted brief that talk to the assistant rather than about the book: a greeting,
 * thanks, a sign-off, throat-clearing ("I've been meaning to write this for years.", "Some
 * background first."). Writers paste briefs the way they write messages; these sentences are
 * not the book's premise, and passed on as instructions they only tell the model to chat back.
 *
 * Kept narrow on purpose: a sentence counts only when it is short and holds nothing a brief
 * carries (no number, nothing after a colon), so "Here's what I want: a saga of 22 chapters" stays.
 */

const GREETING = /^(?:hi|hello|hey|hiya|howdy|greetings|good\s+(?:morning|afternoon|evening|day)|dear\s+[\p{L}'’-]+)\b/iu;
const THANKS = /^(?:thanks|thank\s+you|many\s+thanks|cheers|much\s+appreciated|best(?:\s+wishes)?|kind\s+regards|regards|all\s+the\s+best)\b/iu;
const PLEASANTRY = /^(?:i\s+)?hope\s+(?:you(?:['’]re|\s+are)|this\s+(?:makes\s+sense|is\s+clear|helps|works)|that\s+(?:makes\s+sense|helps))\b/iu;
const THROAT = new RegExp(
  "^(?:" +
    [
      "(?:so|ok(?:ay)?|right|alright|well)[,!]?\\s*(?:so\\s+)?(?:here\\s+goes|here\\s+it\\s+is|let['’]s\\s+(?:go|do\\s+this|begin|start))",
      "i(?:['’]ve|\\s+have)\\s+been\\s+(?:meaning|wanting|trying|planning|dreaming|thinking\\s+about)",
      "(?:some|a\\s+(?:bit|little)(?:\\s+of)?)\\s+(?:background|context)(?:\\s+first)?",
      "(?:so,?\\s+)?here(?:['’]s|\\s+is)\\s+(?:the\\s+(?:idea|plan|thing|brief|deal)|my\\s+(?:idea|brief|plan)|what\\s+i(?:['’]m|\\s+am)\\s+(?:thinking|after))",
      "let\\s+me\\s+(?:explain|tell\\s+you|describe|set\\s+the\\s+scene)",
      "(?:i\\s+need|i['’]d\\s+(?:love|like)|i\\s+would\\s+(?:love|like))\\s+(?:your\\s+|some\\s+)?help",
      "(?:can|could|would)\\s+you\\s+(?:please\\s+)?help(?:\\s+me)?(?:\\s+(?:out|with\\s+(?:this|something|a\\s+project)))?\\s*[?.!]*$",
      "quick\\s+(?:question|note)",
      "(?:this\\s+is\\s+)?(?:my|the)\\s+first\\s+time\\s+(?:trying|using|doing)",
    ].join("|") +
    ")",
  "iu",
);

const MAX_WORDS = 14;

/** Whether a sentence only talks to the assistant (see above). */
export function isChatter(sentence: string): boolean {
  const s = sentence.trim().replace(/^[*_>\-\s]+/, "");
  if (!s) return false;
  const words = s.split(/\s+/).length;
  if (words > MAX_WORDS || /\d/.test(s) || /:\s*\S/.test(s)) return false;
  if (GREETING.test(s)) return words <= 6;
  return THANKS.test(s) || PLEASANTRY.test(s) || THROAT.test(s);
}
