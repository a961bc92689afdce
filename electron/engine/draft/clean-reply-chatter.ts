/**
 * What the reply cleaner counts as chatter: a sentence that talks to the requester about the
 * writing, not the writing itself. Models chat in English even in another language's book, and in
 * the book's language too, so the common forms of a few languages are known (English, Spanish,
 * French, German, Italian, Portuguese, Chinese, Japanese); a language not listed still gets the
 * English forms and every language-free rule (notes, labels, brackets about the text).
 *
 * Rules are deliberately narrow: a sentence is chatter only when it presents the piece ("Here is
 * Chapter 3:"), is a bare acknowledgement ("Sure!"), offers or asks something of the requester
 * ("Let me know…", "Would you like me to…"), hopes about the piece ("I hope you enjoy it"),
 * remarks on how it was written ("I've kept the tone light"), or is a note or a count. Dialogue
 * (a sentence opening with a quotation mark) is never chatter, and a narrator's "I have written to
 * him twice" is not a remark about the writing.
 */

/** Nouns of a remark about the piece itself. */
const WRITING_NOUN =
  /\b(?:chapters?|scenes?|sections?|parts?|story|stories|drafts?|continuation|passages?|prose|text|installments?|episodes?|versions?|entry|entries|lessons?|units?|words|novel|piece|response|segments?|opening|ending|excerpt|narrative|request|next part|tone|pacing|voice|style|length|word count|target|mood|atmosphere|tension|themes?|characters?|arc|emotional|reader|requirements?|elements?)\b/i;
/** The requester, addressed. */
const ADDRESSED = /\b(?:you|your|yours|requested|asked for|as requested|let me know|\d+[- ]words?)\b/i;

const ACK_WORDS =
  "sure|certainly|of course|absolutely|okay|ok|alright|all right|great|gladly|no problem|understood|got it|with pleasure|sounds good|perfect|excellent|happy to help|yes|" +
  // es, pt, fr, de, it
  "claro|por supuesto|desde luego|con gusto|com certeza|bien sûr|d'accord|volontiers|avec plaisir|gerne|natürlich|klar|selbstverständlich|certo|certamente|volentieri";
/** A bare acknowledgement, the whole sentence: "Sure!", "Of course, here you go." */
const ACK = new RegExp(
  `^(?:¡\\s*)?(?:${ACK_WORDS})(?:[,!.]*\\s*(?:here (?:you go|it is|goes)|i can do that|i(?:'d|’d| would) be (?:happy|glad|delighted) to(?: help)?|thing|let's (?:begin|go|start)|aquí (?:está|tienes)|voici|hier ist|ecco))?[\\s!.¡]*$`,
  "i",
);
const ACK_CJK = /^(?:好的|当然|没问题|可以|好|行|はい|もちろん|承知しました|かしこまりました|了解しました)[，,、！!。.\s]*$/;

/** Handing the piece over, the whole sentence: "Here you go!", "Here it is:", "There you have it." */
const HANDOVER = /^(?:here you (?:go|are)|here it is|here goes|there you (?:go|are|have it)|voil[àa]|ta-?da)[\s!.:,…]*$/i;
/** Offering to write: "I'd be happy to write this chapter for you." (about the writing, or addressed). */
const GLAD_TO = /^(?:i(?:'d|’d| would) be|i(?:'m|’m| am))\s+(?:happy|glad|delighted|pleased|excited|thrilled)\s+to\b/i;
/** Pictographs and their joiners: "Here you go! 📖" is a hand-over all the same. */
const PICTOGRAPHS = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu;

/** Presenting the piece: "Here is Chapter 3 of your novel:", "I've written about 500 words." */
const PRESENTING =
  /^(?:(?:sure|certainly|of course|absolutely|okay|ok|alright|great|claro|por supuesto|bien sûr|natürlich|gerne|certo)[!,.]*\s+)?(?:here(?:'s|’s| is| are| comes| goes)|below (?:is|are)|the following|i(?:'ve|’ve| have) (?:written|drafted|created|composed|prepared|crafted|continued)|i(?:'ll|’ll| will) (?:now )?(?:write|draft|continue|begin|start)|let me (?:write|draft|continue|begin|start)|as requested|continuing|picking up|resuming|now,? (?:here|for)|this is (?:the|your|a|an)|aquí (?:está|tienes|te dejo|va)|a continuación|voici|voilà|hier (?:ist|sind|kommt)|im folgenden|ecco|di seguito|aqui está|segue)(?![\p{L}\p{N}])/iu;
/**
 * A short clause a model puts before presenting the piece: "In the meantime, here's a draft…",
 * "If it would help your story, here is a summary…". Stripped before the presenting rules look.
 */
const LEAD_CLAUSE =
  /^(?:in the meantime|meanwhile|for now|until then|anyway|that said|with that in mind|in any case|either way|instead|otherwise|so|if (?:it|that|this) (?:would |might |could )?helps?\b[^,:]{0,60}|if you(?:'d|’d| would)? (?:like|prefer|want)\b[^,:]{0,60}),\s+(?=here|below|i(?:'ve|’ve| have)\b|this is)/i;
/** Presenting a draft of the piece by what it is: "here's a draft that keeps her anonymous", "here is a brief summary of how…". */
const PRESENTS_PIECE =
  /^here(?:'s|’s| is| are)\s+(?:a|an|the|my|this|one|your|another)\s+(?:[\p{L}-]+\s+){0,2}?(?:draft|version|rewrite|revision|take|attempt|summary|synopsis|outline|sketch|chapter|scene|section|continuation|passage|excerpt|alternative)(?=\s*(?:$|[,:;.!—–-]|\s+(?:that|which|of|for|with|in which|where|you|i)\b))/iu;
/** What a model offers instead of the piece it declined: an account of it, not the piece. */
export const SUBSTITUTE = /\b(?:summary|synopsis|outline|overview|sketch|brief description|plan of|bullet points)\b/i;
const ACK_PREFIX = /^(?:sure|certainly|of course|absolutely|okay|ok|alright|great|claro|por supuesto|bien sûr|natürlich|gerne|certo)\b/i;
const PRESENTING_CJK = /^(?:(?:好的|当然|没问题|はい|もちろん)[，,、！!。\s]*)?(?:以下是|下面是|这是|这里是|以下(?:は|が)|こちらが|次は)/;

/** "I've kept the tone light": a remark on how the piece was written (with a noun about the writing). */
const WRITER_REMARK =
  /^(?:i(?:'ve|’ve| have)|i(?:'ll|’ll| will)) (?:written|drafted|kept|tried|aimed|focused|made|included|continued|ended|left|used|now|incorporated|woven|added|chosen|expanded|shortened)\b/i;
/**
 * A paragraph that opens like a writer's remark ("I've tried to capture…"). Before the prose or at
 * its very end it is chatter whatever it names; in the middle a narrator may talk like that, so
 * the cleaner keeps it there (it holds such a paragraph until it knows which).
 */
export const WRITER_TALK =
  /^(?:i(?:'ve|’ve| have| had)?|i(?:'ll|’ll| will)) (?:tried|aimed|attempted|wanted|chose|chosen|decided|focused|kept|included|incorporated|woven|made sure|ensured|added|written|drafted|expanded|shortened|continued|ended|left|used|taken)\b/i;

/** An aside announcing what the model writes next, inside brackets: "(I'll now describe the night the levee broke.)". */
const ASIDE =
  /^(?:(?:now|next|here|then),?\s+)?(?:i(?:'ll|’ll| will| am going to|'m going to|’m going to)|let me|let's|we(?:'ll|’ll| will))\s+(?:now\s+|next\s+|briefly\s+)?(?:write|draft|continue|describe|show|depict|turn to|move on|cover|shift|jump|skip|introduce|explore|focus|pick up|resume|begin|start|add|expand|switch|return to|cut to)\b/i;

/**
 * A model that asks before (or instead of) writing: "Just to check: do you want…?", "Before I
 * start on Chapter 2, I'd like to check a few things:", "Once you let me know, I'll write…".
 */
const CLARIFY_LEAD =
  /^(?:just (?:to )?(?:check|confirm|clarify|be sure|make sure)|(?:a )?quick (?:question|check)|(?:one|a|two|three|a few|a couple of|some) (?:quick )?(?:questions?|things?|details?) (?:first|before)\b)/i;
const BEFORE_I = /^before i (?:start|begin|write|draft|dive in|get started|continue|go on|proceed)\b/i;
const ASKS = /\b(?:check|clarify|confirm|questions?|ask|know|things)\b/i;
const ONCE_YOU =
  /^(?:once|when|as soon as|after) you(?:'ve|’ve| have)? (?:let me know|tell me|confirm|answer|decide|reply|clarify|choose|send|get back)/i;
/** A question about the piece put to the requester: "Should this chapter stay with Lotte, or switch to…?" */
const QUESTION_ON_PIECE = /^(?:should|shall|would|do|does|did|can|could|is|are|will|may)\b.*\b(?:chapters?|scenes?|sections?|story|book|drafts?|tone|pov|point of view|pacing|narrator|plot|version|word count)\b.*\?\s*$/i;
const QUESTION_TO_YOU = /\b(?:you|your|should|shall i|i should|prefer)\b/i;

/** Talking to the requester after (or between) the prose. */
const CLOSING: RegExp[] = [
  /^let me know\b/i,
  /^(?:please )?feel free\b/i,
  /^(?:i )?hope (?:you|this|that|it)\b/i,
  /^(?:would|do) you (?:like|want|prefer)\b/i,
  /^perhaps you(?:'d|’d| would)? (?:like|want|prefer)\b/i,
  /^if you(?:'d|’d| would)? (?:like|want|need|prefer|rather)\b/i,
  /^(?:(?:and|but|also),?\s+)?(?:if\b[^,]{0,80},\s*)?please (?:consider|reach out|contact|seek|talk to|call|don(?:'|’)t hesitate|remember)\b/i,
  /^(?:(?:do )?you )?want me to\b|^ready for (?:the next|more|chapter|part)\b/i,
  /^(?:shall|should) i (?:continue|write|go on|proceed|move on|keep)/i,
  /^i (?:can|could) (?:also |easily |instead )?(?:adjust|revise|expand|continue|write|make|change|tweak|rewrite|shorten|lengthen|add|offer|provide|help)\b/i,
  /^(?:to help me\b|could you (?:tell|let|clarify|share|give)|can you (?:tell|let|clarify|share|give)|do you have (?:any|a)\b|is there (?:anything|a particular|something)\b.*\b(?:you|your|i)\b.*\?$|are there any\b.*\?$)/i,
  /^(?:next|coming up|up next)\s*:/i,
  // offers of something else, introducing a list of them: "For example, I could write:"
  /^(?:for example|for instance|options?|ideas?|some (?:ideas|options|possibilities|suggestions|alternatives)|alternatively)\b.*[:：]\s*$/i,
  /\bi (?:could|can|would) (?:write|offer|suggest|focus on|do|explore|try)\b.*[:：]\s*$/i,
  /^end of (?:the )?(?:chapter|part|scene|section|week|day|lesson|unit|entry|episode|book)\b/i,
  // es, pt, fr, de, it
  /^(?:espero que (?:te|le|os|les) (?:guste|sirva|haya)|no dudes en|avísame|dime si|¿?(?:quieres|deseas|te gustaría) que|si (?:quieres|deseas|necesitas) (?:que|algún|alguna|más|cambios))/i,
  /^(?:espero que (?:você|goste)|me (?:avise|diga)|se (?:quiser|precisar)|quer que eu)/i,
  /^(?:j'espère que|n'hésitez pas|dites-moi|faites-moi savoir|souhaitez-vous|voulez-vous que|si vous (?:voulez|souhaitez|le souhaitez))/i,
  /^(?:soll(?:en)? (?:ich|wir)|darf ich|möchten sie,? dass ich|willst du,? dass ich)\b.*\b(?:weiter\p{L}*|fort(?:fahren|setzen)|schreiben|kapitel|teil|abschnitt|szene|ändern|anpassen|überarbeiten|kürzen|erweitern)/iu,
  /^(?:dois-je|veux-tu que je|voulez-vous que je|je peux (?:continuer|poursuivre|écrire))\b/i,
  /^¿?(?:continúo|sigo|escribo|quieres que (?:continúe|siga|escriba))\b/i,
  /^(?:devo (?:continuare|proseguire|scrivere)|vuoi che (?:continui|prosegua|scriva))\b/i,
  /^(?:devo continuar|quer que eu (?:continue|escreva))\b/i,
  /^(?:ich hoffe|lass(?:en sie)? (?:mich|es mich) wissen|möchtest du|möchten sie|wenn du (?:möchtest|willst|magst)|wenn sie (?:möchten|wollen)|sag(?:en sie)? mir)/i,
  /^(?:spero che|fammi sapere|se (?:vuoi|desideri)|vuoi che)/i,
];
const CLOSING_CJK = [
  /^希望(?:这|本|以上|你|您).{0,24}(?:喜欢|满意|帮助|期待|符合|有用|要求)/,
  /^如果(?:需要|您|你).{0,30}(?:告诉我|调整|修改|随时|继续)/,
  /^(?:请)?随时告诉我/,
  /^(?:いかがでしょうか|お気軽に|何か(?:ご要望|修正)|ご希望があれば|気に入っていただけ)/,
];
/** "In this chapter, Anna's grief adds emotional depth…": commentary on the piece. */
const COMMENTARY =
  /^(?:in this|this|the above|that) (?:chapter|scene|entry|section|passage|installment|part|version|draft|piece|excerpt|letter|continuation)\b.*\b(?:depth|tone|themes?|tension|arc|foreshadow\w*|emotional|reader|narrative|pacing|showcas\w*|captur\w*|convey\w*|highlight\w*|establish\w*|sets? up|explor\w*|character(?:'s|s)?|connection|stakes|cliffhanger|momentum|mystery|relationship|dynamic|hook|atmosphere|mood|backstory)\b/i;
/** Counts: "(Word count: 512)", "[approx. 500 words]", "Words: 480", "Word count: ~430". */
const COUNT =
  /^[([*_]*\s*(?:(?:word count|total words|words so far|words|length|approx(?:imately|\.)?|about|around|roughly)\b[^.!?\n]{0,24}?\s*[:\-–—=~≈]?\s*[~≈]?\d[\d,]*(?:\s*words)?|[~≈]?\d[\d,]*\s+words\b|字数\s*[:：])/i;
/**
 * A labelled note: "Note: I kept the tone light", "Author's note: …". A story has notes too (a
 * card on the oven door: "Note: the oven was never to be opened before six."), so a note is
 * chatter only when it is about the writing: advice to the requester, a remark in the model's own
 * voice on how it wrote, naming the piece, or counting it. A disclaimer is always the model's.
 */
const NOTE_LABEL = /^[([*_]*\s*(?:note|notes|author'?s? note|a note|n\.b\.|style notes?|注)\s*[*_]*\s*[:\-–—：]\s*/i;
const ALWAYS_NOTE = /^[([*_]*\s*(?:disclaimer|author'?s? note|style notes?)\s*[*_]*\s*[:\-–—：]/i;
/** The model's own voice about its writing: "I kept the tone tense", "I've focused on…". A character's "I have gone to the market" is not. */
const MODEL_REMARK =
  /^(?:i(?:'ve|’ve| have| had)?|i(?:'ll|’ll| will)|we(?:'ve|’ve| have)?)\s+(?:\p{L}+ly\s+)?(?:tried|aimed|attempted|wanted|chose|chosen|decided|focused|kept|included|incorporated|woven|made sure|ensured|added|written|wrote|drafted|expanded|shortened|continued|ended|left|used|taken|took|opted|avoided|changed|adjusted|assumed|followed)\b/iu;
/** Addressing the requester about the piece: "You may want to add more detail here". A character's "you must feed the cat" is not. */
const ADVISES = /\b(?:you (?:may|might|could|can) (?:want|wish|choose|need|adjust|expand|change|add|cut)|if you(?:'d|’d| would)? (?:like|want|prefer)|let me know|feel free|as (?:you )?requested|you asked)\b/i;
const NAMES_PIECE =
  /\b(?:this|these|that|the above|the following|each|every|next|previous)\s+(?:chapters?|scenes?|sections?|parts?|drafts?|story|passages?|piece|text|response|versions?|excerpt|installments?|episodes?|units?|entry|continuation|prose|narrative)\b|\bthe\s+(?:chapter|scene|section|draft|excerpt|passage|response|version|continuation|installment|episode)\b|\b(?:tone|pacing|word count|point of view|pov|narrative voice)\b|\b\d[\d,]*\s*words\b/i;
function isNote(s: string): boolean {
  if (COUNT.test(s) || ALWAYS_NOTE.test(s)) return true;
  const label = NOTE_LABEL.exec(s);
  if (!label) return false;
  const body = s.slice(label[0].length).trim();
  return body === "" || MODEL_REMARK.test(body) || ADVISES.test(body) || (ADDRESSED.test(body) && WRITING_NOUN.test(body)) || NAMES_PIECE.test(body);
}
/** Label lines that introduce, never narrate: "Title: The Piano", "Summary: …". */
const LABEL = /^[*_]*\s*(?:title|chapter title|heading|summary|synopsis|word count|genre|pov|point of view|setting|characters?|outline|target length|length|draft|story|text|prose|response|output|标题|字数)\s*[*_]*\s*[:：]/i;
/** Dialogue: a sentence that opens with a quotation mark is the story talking, never chatter. */
const DIALOGUE = /^["“”'‘«„「『]/;

/** A refusal: the model will not write this. */
export const REFUSAL =
  /^(?:i(?:'m|’m| am) (?:(?:really|so|very|truly|terribly|genuinely|deeply) )?(?:sorry|afraid|unable|not able)|(?:i (?:understand|appreciate|see|know|realize|realise|recognize|recognise|get)|while i|although i|though i|thank you|thanks)\b[^.!?]{0,160}?\b(?:but|however),?\s+(?:i must (?:decline|refuse)|(?:i(?:'m|’m| am) (?:not able to|unable to|not comfortable|not going to)|i (?:can(?:no|'|’)t|cannot|won(?:'|’)t|will not|am not able to|don(?:'|’)t feel comfortable))\s+(?:[\p{L}-]+\s+)?(?:writ|depict|creat|produc|provid|generat|portray|describ|includ|show|help with|assist with|fulfil|comply|go along|do that|do this)\p{L}*)|sorry,? (?:but )?i|(?:i apologi[sz]e|my apologies),? but\b|i (?:can(?:no|'|’)t|cannot|won(?:'|’)t|will not|must decline|must refuse|am not comfortable|don(?:'|’)t feel comfortable|(?:am )?not able to)|unfortunately,? i (?:can(?:no|'|’)t|cannot|am unable)|as an ai\b|i(?:'m|’m| am) not (?:going|comfortable|allowed|permitted) to|my (?:purpose|guidelines)\b|lo siento|je suis désolé|es tut mir leid|mi dispiace|抱歉|对不起|申し訳)/iu;

/** Openers worth holding a line (or a sentence) for until it can be judged. */
export const RISKY_OPENER = new RegExp(
  `^(?:[¡¿]\\s*)?(?:${ACK_WORDS}|here|below|just (?:to|checking|a quick)|quick (?:question|check)|(?:one|two|three|a few|a couple of) (?:quick|questions?|things?|details?)|before i|once you|when you|as soon as you|after you|in the meantime|meanwhile|for now|until then|anyway|that said|instead|otherwise|if it|if that|if this|while i|although i|though i|thank you|thanks|want me|ready for|and if|and please|soll(?:en)? (?:ich|wir)|darf ich|dois-je|veux-tu|continúo|devo (?:continuare|proseguire|scrivere)|the following|i\\b|i'|i’|let me|as requested|continuing|picking up|resuming|now|this|the above|that|let|please|feel|hope|would|do you|if you|perhaps|to help|could you|can you|is there|are there|shall|should|next|coming|up next|in this|end of|sorry|unfortunately|as an|my purpose|word|words|total|length|approx|about|around|roughly|~?\\d+ words|note|notes|author|a note|n\\.b|disclaimer|style|title|chapter title|heading|summary|synopsis|genre|pov|point of view|setting|character|outline|target|aquí|a continuación|espero|no dudes|avísame|dime|quieres|deseas|te gustaría|si|voici|voilà|j'espère|n'hésitez|dites|faites|souhaitez|voulez|hier|im folgenden|ich hoffe|lass|möchte|wenn|sag|ecco|di seguito|spero|fammi|vuoi|aqui|segue|me avise|se|quer|lo siento|je suis|es tut|mi dispiace)\\b|^(?:好的|当然|没问题|以下|下面|这是|这里|希望|如果|请|随时|抱歉|对不起|はい|もちろん|承知|かしこまり|こちら|次は|いかが|お気軽|何か|ご希望|気に入|申し訳)`,
  "i",
);

export interface ChatterContext {
  /** Whether the sentence names the unit (its heading or title): "Here is Chapter 8: Father and Son". */
  namesUnit(sentence: string): boolean;
}

/** Whether a sentence (or a whole line) talks to the requester about the writing. */
export function isChatterSentence(sentence: string, ctx?: ChatterContext): boolean {
  const s = sentence.replace(PICTOGRAPHS, "").replace(/^[\s*_>#]+|[\s*_]+$/g, "");
  // pictographs and nothing else beside chatter ("Here you go! 📖"): decoration, not prose
  if (!/[\p{L}\p{N}]/u.test(s)) return s !== sentence.trim() && /\p{Extended_Pictographic}/u.test(sentence);
  if (DIALOGUE.test(s)) return false;
  if (ACK.test(s) || ACK_CJK.test(s) || HANDOVER.test(s) || isNote(s) || LABEL.test(s) || COMMENTARY.test(s)) return true;
  if (CLARIFY_LEAD.test(s) || ONCE_YOU.test(s) || (BEFORE_I.test(s) && ASKS.test(s) && (ADDRESSED.test(s) || WRITING_NOUN.test(s) || /[:：]\s*$/.test(s) || ctx?.namesUnit(s)))) return true;
  if (QUESTION_ON_PIECE.test(s) && QUESTION_TO_YOU.test(s)) return true;
  // an aside in brackets: "(I'll now describe the night the levee broke.)"
  const inner = /^[([（【]\s*(.*?)\s*[)\]）】][.!。]?$/.exec(s)?.[1];
  if (inner !== undefined && (ASIDE.test(inner) || (inner !== s && isChatterSentence(inner, ctx)))) return true;
  const led = LEAD_CLAUSE.exec(s);
  if (led) {
    const rest = s.slice(led[0].length);
    if (PRESENTING.test(rest) && (/[:：]\s*$/.test(rest) || PRESENTS_PIECE.test(rest) || ctx?.namesUnit(rest) || (WRITING_NOUN.test(rest) && ADDRESSED.test(rest)))) return true;
  }
  if (GLAD_TO.test(s)) return WRITING_NOUN.test(s) || ADDRESSED.test(s) || /\b(?:help|write|draft|continue)\b/i.test(s);
  if (PRESENTING.test(s) || PRESENTING_CJK.test(s)) {
    // presenting the piece: after an acknowledgement, ending with a colon, naming the unit,
    // short, or about the requested piece and its requester
    const words = s.split(/\s+/).length;
    if (ACK_PREFIX.test(s) || PRESENTING_CJK.test(s) || /[:：]\s*$/.test(s) || ctx?.namesUnit(s) || words <= 6 || PRESENTS_PIECE.test(s)) return true;
    if (words <= 24 && WRITING_NOUN.test(s) && ADDRESSED.test(s)) return true;
  }
  // a whole sentence in brackets about the writing: "(Word count: 512)", "[continues in Chapter 4]"
  if (/^[([（【].*[)\]）】][.!。]?$/.test(s) && (WRITING_NOUN.test(s) || /\bwords?\b|字/.test(s))) return true;
  if (WRITER_REMARK.test(s)) return WRITING_NOUN.test(s);
  return CLOSING.some((re) => re.test(s)) || CLOSING_CJK.some((re) => re.test(s));
}

/**
 * Openings of the chatter forms above whose rule needs the whole sentence ("In the meantime,
 * here's a draft…", "And if this touches you, please…", "Soll ich mit Kapitel 5 weitermachen?"):
 * any start of such a sentence must already be held, or a stream would hand on what the whole
 * reply drops. Holding a sentence that opens "If" or "Meanwhile" until it ends costs a sentence.
 */
const SUSPECT_START =
  /^(?:(?:and|but|also),?\s+)?(?:if|please)\b|^(?:in the meantime|meanwhile|for now|until then|anyway|that said|with that in mind|in any case|either way|instead|otherwise)\b|^just (?:to|checking)\b|^(?:a )?quick (?:question|check)|^(?:one|two|three|a few|a couple of|some) (?:quick|question|thing|detail)|^before i\b|^(?:once|when|as soon as|after) you\b|^(?:(?:do )?you )?want me\b|^ready for\b|^(?:soll(?:en)?|darf|dois|veux|voulez|continúo|sigo|escribo|quieres|devo|vuoi|quer)\b/i;

/** A sentence start that could open chatter: the cleaner holds it until the sentence ends. */
export function suspectSentence(lead: string): boolean {
  const s = lead.replace(/^[*_\s]+/, "");
  if (/^[([（【]/.test(s)) return true;
  if (COUNT.test(s) || NOTE_LABEL.test(s) || ALWAYS_NOTE.test(s) || LABEL.test(s) || PRESENTING.test(s) || SUSPECT_START.test(s.replace(/^[¿¡]\s*/, "")) || PRESENTING_CJK.test(s) || COMMENTARY.test(s) || WRITER_REMARK.test(s) || GLAD_TO.test(s)) return true;
  if (CLOSING.some((re) => re.test(s)) || CLOSING_CJK.some((re) => re.test(s))) return true;
  const first = s.split(/(?<=[.!?。！？])\s*/)[0]!;
  return ACK.test(first) || ACK_CJK.test(first);
}

/** A label whose colon does not end a sentence: what follows is the note, the count or the question. */
const BINDING_LABEL = /^[([*_]*\s*(?:note|notes|n\.b\.|a note|author'?s? note|word count|total words|words|length|just (?:to )?(?:check|confirm|clarify)|(?:a )?quick (?:question|check)|one (?:quick )?question|注|字数)\s*[*_]*\s*[:：]\s*$/i;

/**
 * Sentences of a line, each with its separator; ":" ends one too (a presenting sentence often
 * does), except after a label that binds to what follows ("Note: …", "Word count: ~430").
 */
export function sentencesOf(line: string): string[] {
  const out: string[] = [];
  const re = /[.!?…:]+["'”’)\]]*\s+(?=\S)|[。！？：]+[”’」』）]*\s*(?=\S)/g;
  let from = 0;
  let bound = false;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const piece = line.slice(from, m.index + m[0].length);
    if (bound) out[out.length - 1] += piece;
    else out.push(piece);
    bound = !bound && BINDING_LABEL.test(piece);
    from = m.index + m[0].length;
  }
  if (from < line.length) {
    if (bound) out[out.length - 1] += line.slice(from);
    else out.push(line.slice(from));
  }
  return out;
}
