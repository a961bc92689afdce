/**
 * Habits of real instruct models the cleaner learnt from the second replies corpus
 * (tests/fixtures/model-replies-2), each in phrasings written for these tests, not copied from it:
 * clarifying questions instead of (or before) the piece, a soft refusal followed by a rewrite or by
 * a sketch, notes that belong to the story beside notes to the requester, end marks, bracketed
 * asides between paragraphs, closing questions in the book's own language. Every reply must clean
 * the same however it is cut into deltas.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyChange } from "../../../electron/engine/draft/reply-stream";
import { cleanReply, ReplyCleaner, type CleanReplyConfig } from "../../../electron/engine/draft/clean-reply";

const chapter3: CleanReplyConfig = { heading: "Chapter 3", title: "The Piano", otherHeadings: ["Chapter 2", "Chapter 4"], language: "en" };
const P1 = "The piano had not been tuned in years, and the middle C stuck when Anna pressed it.";
const P2 = "She lifted the lid and found the letter folded twice, the paper soft as cloth.";
const P3 = "By evening she had read it four times, and she put the letter in her pocket.";
const body = [P1, P2, P3].join("\n\n");

const kapitel3: CleanReplyConfig = { heading: "Kapitel 3", title: "Das Klavier", otherHeadings: ["Kapitel 2", "Kapitel 4"], language: "de" };
const K1 = "Das Klavier war seit Jahren nicht gestimmt worden, und das mittlere C klemmte, als Anna es drückte.";
const K2 = "Sie hob den Deckel und fand den Brief, zweimal gefaltet, das Papier weich wie Stoff.";
const deBody = `${K1}\n\n${K2}`;

const chapitre3: CleanReplyConfig = { heading: "Chapitre 3", otherHeadings: ["Chapitre 4"], language: "fr" };
const frBody = "Le piano n'avait pas été accordé depuis des années.\n\nElle souleva le couvercle et trouva la lettre pliée en deux.";
const capitulo3: CleanReplyConfig = { heading: "Capítulo 3", otherHeadings: ["Capítulo 4"], language: "es" };
const esBody = "El piano no se había afinado en años.\n\nLevantó la tapa y encontró la carta doblada en dos.";

/** Streams `raw` cut at the given points; returns the text the changes build (checked against end()). */
function stream(raw: string, cuts: number[], config: CleanReplyConfig): string {
  const cleaner = new ReplyCleaner(config);
  let text = "";
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b).concat(raw.length)) {
    if (cut <= at || cut > raw.length) continue;
    for (const change of cleaner.push(raw.slice(at, cut))) text = applyChange(text, change);
    at = cut;
  }
  const final = cleaner.end();
  for (const change of cleaner.lastChanges) text = applyChange(text, change);
  expect(final).toBe(text);
  return text;
}

/** The cleaned text, the same whether the reply came whole, in random cuts or in a tokenizer's small pieces. */
function clean(raw: string, config = chapter3) {
  const whole = cleanReply(raw, config);
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: raw.length - 1 }), { maxLength: 25 }), (cuts) => {
      expect(stream(raw, cuts, config)).toBe(whole.text);
    }),
    { numRuns: 25 },
  );
  for (const size of [2, 5]) expect(stream(raw, Array.from({ length: Math.ceil(raw.length / size) }, (_, i) => i * size), config), `${size}`).toBe(whole.text);
  return whole;
}

describe("clarifying questions", () => {
  it("a reply that only asks before writing is no prose, numbered or not", () => {
    const numbered = clean(
      `Before I write Chapter 3, a couple of questions so I get it right:\n\n- Does Anna already know who wrote the letter?\n- **Ending:** Should the chapter close on her reading it, or with the letter still sealed?\n\nOnce you've answered, I'll draft the full chapter at the length you asked for.`,
    );
    expect(numbered.text).toBe("");
    expect(numbered.kind.kind).toBe("empty");
    const plain = clean(`Should this chapter open in the shop or at home?\n\nDo you want Anna to be alone when she finds it?\n\nIf you'd rather I decide, I'll go with the shop.`);
    expect(plain.text).toBe("");
    expect(plain.kind.kind).toBe("empty");
  });

  it("a question, then a draft anyway: the question and the hand-over go, the draft is the piece", () => {
    const r = clean(
      `Sure thing! Quick question: should Anna read the letter aloud, or keep it to herself? For now, here is a version where she keeps it to herself, and tell me if that changes.\n\n${body}\n\nIf you'd rather she reads it aloud, I can rework the ending.`,
    );
    expect(r.text).toBe(body);
    expect(r.kind.kind).toBe("prose");
  });

  it("a question in the story stays", () => {
    const r = clean(`Is there anything lonelier than an untuned piano?\n\n${body}`);
    expect(r.text).toBe(`Is there anything lonelier than an untuned piano?\n\n${body}`);
    // and it is handed on once its first sentence reads as the story's, not when the paragraph ends
    const cleaner = new ReplyCleaner(chapter3);
    let shown = "";
    for (const word of "Is there anything lonelier than an untuned piano? Anna thought so, and she had".split(/(?<= )/)) for (const c of cleaner.push(word)) shown = applyChange(shown, c);
    expect(shown.startsWith("Is there anything lonelier than an untuned piano? Anna")).toBe(true);
  });
});

describe("soft refusals", () => {
  it("a refusal that acknowledges the request first, then a rewritten scene: the scene is the piece", () => {
    const r = clean(`I appreciate what this chapter needs to do, however I can't write the fire in that much detail. Below is a version that keeps the danger off the page:\n\n---\n\n${body}`);
    expect(r.text).toBe(body);
    expect(r.kind.kind).toBe("prose");
    expect(r.strips.map((s) => s.kind)).toContain("refusal");
  });

  it("a narrator who acknowledges and then declines something in the story is not refusing", () => {
    const line = "I know you want the truth, but I can't tell you everything, not yet.";
    expect(clean(`${line}\n\n${body}`).text).toBe(`${line}\n\n${body}`);
  });

  it("a refusal, then a sketch of the piece in its place: a refusal, and nothing of it is kept", () => {
    const r = clean(
      `I'm truly sorry, but I won't write this scene as described.\n\nInstead, here's an outline of how the chapter might go:\n\nAnna finds the letter in the piano. She reads it twice and hides it. Her mother comes home before she can decide.\n\nI'd be happy to help with other parts of the book. And if any of this is close to home, please reach out to someone you trust.`,
    );
    expect(r.kind.kind).toBe("refusal");
    expect(r.text).toBe("");
  });
});

describe("closing chatter in forms not met before", () => {
  it("an end mark and a count with a tilde after the prose go; an end mark inside the prose stays", () => {
    expect(clean(`${body}\n\nFin.\n\nWord count: ~410`).text).toBe(body);
    expect(clean(`${body}\n\nTo be continued…`).text).toBe(body);
    expect(clean(`${P1}\n\nThe End\n\n${P2}`).text).toBe(`${P1}\n\nThe End\n\n${P2}`);
    // a one-word paragraph of the story is no end mark
    expect(clean(`${body}\n\nFine.`).text).toBe(`${body}\n\nFine.`);
  });

  it("a closing question in the book's own language goes", () => {
    expect(clean(`Gerne! Hier ist das dritte Kapitel:\n\n${deBody}\n\nIch hoffe, es gefällt dir. Soll ich das nächste Kapitel schreiben?`, kapitel3).text).toBe(deBody);
    expect(clean(`${deBody} Sollen wir mit Kapitel 4 weitermachen?`, kapitel3).text).toBe(deBody);
    expect(clean(`${frBody}\n\nDois-je continuer avec le chapitre 4 ?`, chapitre3).text).toBe(frBody);
    expect(clean(`${esBody}\n\n¿Continúo con el capítulo 4?`, capitulo3).text).toBe(esBody);
  });

  it("an offer in the requester's own terms goes: 'Want me to…', 'please reach out'", () => {
    expect(clean(`${body}\n\nWant me to carry on with Chapter 4?`).text).toBe(body);
    expect(clean(`${body} And if this subject is hard for you, please reach out to someone you trust.`).text).toBe(body);
  });
});

describe("chatter between paragraphs, and notes", () => {
  it("a bracketed aside announcing what comes next goes from the middle of the prose", () => {
    for (const aside of ["(Next, I'll describe how she finds the letter.)", "[Now let me turn to the evening.]", "(I will now show her reading it.)"]) {
      const r = clean(`${P1}\n\n${aside}\n\n${P2}\n\n${P3}`);
      expect(r.text, aside).toBe(body);
      expect(r.strips.map((s) => s.kind), aside).toEqual(["inline-chatter"]);
    }
    // a bracketed line of the story stays
    expect(clean(`${P1}\n\n(She never told her mother.)\n\n${P2}`).text).toBe(`${P1}\n\n(She never told her mother.)\n\n${P2}`);
  });

  it("a note in the story stays, at the top or in the middle; a note on the writing goes", () => {
    const r = clean(`Note: the piano stays locked until Sunday.\n\n${body}\n\nNote: I've kept this chapter short and ended on the letter, so the next one can open with Anna's choice.`);
    expect(r.text).toBe(`Note: the piano stays locked until Sunday.\n\n${body}`);
    const card = `${P1}\n\nNote: I have gone to the market. Back by six.\n\n${P2}`;
    expect(clean(card).text).toBe(card);
    expect(clean(`${body}\n\nNote: You may want to expand the second paragraph if the chapter runs short.`).text).toBe(body);
    expect(clean(`${body}\n\nNote: this draft runs to about 300 words.`).text).toBe(body);
  });
});
