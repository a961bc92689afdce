/**
 * The reply cleaner on replies written for these tests (the corpus written apart from the code
 * is run by corpus.test.ts). Each case is a habit of a real instruct model; the streamed result
 * must equal the one-shot result however the reply is cut into deltas.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyChange } from "../../../electron/engine/draft/reply-stream";
import { cleanReply, classifyReply, ReplyCleaner, type CleanReplyConfig } from "../../../electron/engine/draft/clean-reply";

const chapter3: CleanReplyConfig = { heading: "Chapter 3", title: "The Piano", otherHeadings: ["Chapter 2", "Chapter 4"], language: "en" };
const PROSE1 = "The piano had not been tuned in years, and the middle C stuck when Anna pressed it.";
const PROSE2 = "She lifted the lid and found the letter folded twice, the paper soft as cloth.";
const PROSE3 = "By evening she had read it four times, and she put the letter in her pocket.";
const body = [PROSE1, PROSE2, PROSE3].join("\n\n");

/** Streams `raw` cut at the given points, applying each change; returns the text and the cleaner. */
function stream(raw: string, cuts: number[], config = chapter3): { text: string; cleaner: ReplyCleaner; resets: number } {
  const cleaner = new ReplyCleaner(config);
  let text = "";
  let resets = 0;
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b).concat(raw.length)) {
    if (cut <= at || cut > raw.length) continue;
    for (const change of cleaner.push(raw.slice(at, cut))) {
      if ("reset" in change) resets++;
      text = applyChange(text, change);
    }
    at = cut;
  }
  const final = cleaner.end();
  for (const change of cleaner.lastChanges) {
    if ("reset" in change) resets++;
    text = applyChange(text, change);
  }
  expect(final).toBe(text);
  return { text, cleaner, resets };
}

const byWord = (raw: string) => [...raw.matchAll(/\s+/g)].map((m) => m.index!);

describe("reply cleaner: chatter", () => {
  it("drops a preamble and keeps the prose from its first word", () => {
    const r = cleanReply(`Sure! Here is Chapter 3 of your novel:\n\n${body}`, chapter3);
    expect(r.text).toBe(body);
    expect(r.strips).toEqual([expect.objectContaining({ kind: "preamble", text: "Sure! Here is Chapter 3 of your novel:" })]);
    expect(r.kind.kind).toBe("prose");
  });

  it("drops a preamble on the same line as the prose", () => {
    const r = cleanReply(`Of course! Here's the chapter: ${PROSE1}\n\n${PROSE2}`, chapter3);
    expect(r.text).toBe(`${PROSE1}\n\n${PROSE2}`);
    expect(r.strips[0]).toMatchObject({ kind: "preamble" });
  });

  it("drops closing chatter, on its own line or after the last sentence", () => {
    const own = cleanReply(`${body}\n\n---\n\nLet me know if you'd like any changes to the tone or pacing!`, chapter3);
    expect(own.text).toBe(body);
    expect(own.strips.map((s) => s.kind)).toEqual(["closing-chatter", "closing-chatter"]);
    const same = cleanReply(`${body} I hope you enjoy this chapter! Would you like me to continue with Chapter 4?`, chapter3);
    expect(same.text).toBe(body);
    expect(same.strips.every((s) => s.kind === "closing-chatter")).toBe(true);
  });

  it("drops chatter lines between paragraphs and counts what it dropped", () => {
    const note = "(Word count so far: 250 words)";
    const r = cleanReply(`${PROSE1}\n\n${note}\n\n${PROSE2}`, chapter3);
    expect(r.text).toBe(`${PROSE1}\n\n${PROSE2}`);
    expect(r.strips).toEqual([expect.objectContaining({ kind: "inline-chatter", chars: note.length })]);
  });

  it("drops a bare hand-over and an offer to write, however they are dressed", () => {
    for (const opener of ["Here you go! 📖", "Here it is:", "Absolutely! I'd be happy to write this chapter for you.", "Certainly! I'm glad to help with your novel.", "There you go! ✨", "¡Claro! Aquí está el capítulo 3:", "Draft:", "Story:"]) {
      const r = cleanReply(`${opener}\n\n${body}`, chapter3);
      expect(r.text, opener).toBe(body);
      expect(r.strips.map((x) => x.kind), opener).toEqual(["preamble"]);
    }
    // an apology that changes its mind: the line goes, the prose after it is the piece
    const turned = cleanReply(`I apologize, but I cannot write content that... Actually, here is the chapter:\n\n${body}`, chapter3);
    expect(turned.text).toBe(body);
    expect(turned.kind.kind).toBe("prose");
  });

  it("never eats prose that only looks like chatter", () => {
    const prose = [
      "Sure enough, the tide came in before they reached the boat.",
      "“Would you like me to stay?” she asked, and he did not answer.",
      "I have written to him twice, and he has not replied.",
      "I hope the rain holds, I thought, and pulled my coat tighter.",
      '"Here are the keys," he said. "Let me know when you are back."',
      "Here is the chapter house where the monks kept their accounts for three hundred years.",
      "As you study the figures, notice how quickly the change came.",
      "Chapter after chapter, she read on into the night.",
      "*The letter was not signed, but she knew the hand at once.*",
    ].join("\n\n");
    const r = cleanReply(prose, chapter3);
    expect(r.text).toBe(prose);
    expect(r.strips).toEqual([]);
  });
});

describe("reply cleaner: headings", () => {
  it.each([
    "# Chapter 3: The Piano",
    "**Chapter 3**",
    "CHAPTER THREE",
    "## The Piano",
    "Chapter III — The Piano",
    "Chapter Three: The Piano",
    "**Chapter 3: The Piano**",
  ])("drops a repeated heading: %s", (heading) => {
    const r = cleanReply(`${heading}\n\n${body}`, chapter3);
    expect(r.text).toBe(body);
    expect(r.strips).toEqual([expect.objectContaining({ kind: "repeated-heading", text: heading })]);
    expect(r.stop).toBeNull();
  });

  it("a preamble and a repeated heading both go", () => {
    const r = cleanReply(`Here's Chapter 3:\n\n# Chapter 3: The Piano\n\n${body}`, chapter3);
    expect(r.text).toBe(body);
    expect(r.strips.map((s) => s.kind)).toEqual(["preamble", "repeated-heading"]);
  });

  it.each([
    ["# Chapter 4: The Storm", chapter3],
    ["CHAPTER FOUR", chapter3],
    ["**Chapter 4**", chapter3],
    ["Week 13: On Monday the team met again in the old boardroom on the third floor.", { heading: "Week 12", otherHeadings: ["Week 13"], language: "en" }],
  ] as const)("stops at the next unit's heading or label (%s) and drops it and what follows", (next, config) => {
    const tail = "Rain fell on the harbour all night, and nobody came.";
    const raw = `${body}\n\n${next}\n\n${tail}`;
    const { text, cleaner } = stream(raw, byWord(raw), config);
    expect(text).toBe(body);
    expect(cleaner.stop?.line).toBe(next);
    const strip = cleaner.strips.find((s) => s.kind === "next-unit")!;
    expect(strip.chars).toBe(raw.length - raw.indexOf(next));
  });

  it("asks to stop as soon as the next heading's line is complete, before its text arrives", () => {
    const cleaner = new ReplyCleaner(chapter3);
    cleaner.push(`${body}\n\n## Chapter 4: The Storm\n`);
    expect(cleaner.stop?.reason).toMatch(/another unit/);
  });
});

describe("reply cleaner: reasoning", () => {
  it("drops <think> reasoning before the prose", () => {
    const r = cleanReply(`<think>\nOkay, the user wants chapter 3. Anna must find the letter.\n</think>\n\n${body}`, chapter3);
    expect(r.text).toBe(body);
    expect(r.strips).toEqual([expect.objectContaining({ kind: "reasoning" })]);
  });

  it("a lone </think> (opened in the prompt) takes back what was handed on", () => {
    const raw = `Okay, so the user wants the chapter where Anna finds the letter. I should start at the piano.\n</think>\n\n${body}`;
    const { text, resets } = stream(raw, byWord(raw));
    expect(text).toBe(body);
    expect(resets).toBe(1);
  });

  it("drops Harmony channels printed as text, with or without their markers", () => {
    const marked = `<|channel|>analysis<|message|>We need to write chapter 3 with the letter.<|end|><|start|>assistant<|channel|>final<|message|>${body}`;
    expect(cleanReply(marked, chapter3).text).toBe(body);
    const bare = `analysisWe need to write chapter 3. Mention the letter.assistantfinal${body}`;
    const r = stream(bare, byWord(bare));
    expect(r.text).toBe(body);
    expect(r.cleaner.strips.some((s) => s.kind === "reasoning")).toBe(true);
  });

  it("reasoning that never closes leaves nothing", () => {
    const r = cleanReply("<think>\nThe user wants a chapter. Let me plan the beats: piano, letter, pocket.", chapter3);
    expect(r.text).toBe("");
    expect(r.kind.kind).toBe("empty");
  });

  it("an end-of-turn token printed as text ends the reply", () => {
    const { text, cleaner } = stream(`${body}<|im_end|>\n<|im_start|>user\nThanks!`, [10, 50]);
    expect(text).toBe(body);
    expect(cleaner.stop).not.toBeNull();
  });
});

describe("reply cleaner: what the book's structure says", () => {
  it("a scene heading inside a chapter book is dropped, not taken for the next unit", () => {
    const r = cleanReply(`${PROSE1}\n\n### Scene 2\n\n${PROSE2}`, chapter3);
    expect(r.text).toBe(`${PROSE1}\n\n${PROSE2}`);
    expect(r.stop).toBeNull();
    expect(r.strips).toEqual([expect.objectContaining({ kind: "heading", text: "### Scene 2" })]);
  });

  it("in a book numbered 1, 2, 3 a line that is only the next number begins the next unit", () => {
    const numbered: CleanReplyConfig = { heading: "3", otherHeadings: ["4"], language: "en" };
    const r = cleanReply(`3.\n\n${PROSE1}\n\n4.\n\n${PROSE2}`, numbered);
    expect(r.text).toBe(PROSE1);
    expect(r.stop?.line).toBe("4.");
  });

  it("code fences and a next turn of the conversation are not prose", () => {
    const r = cleanReply(`\`\`\`markdown\n${PROSE1}\n\`\`\`\n\nUser: thanks, now chapter 4`, chapter3);
    expect(r.text).toBe(PROSE1);
    expect(r.stop?.reason).toMatch(/another turn/);
  });

  it("a writer's remark is chatter at the end, but a narrator's sentence like it in the middle stays", () => {
    const remark = "I've kept the ending open so the next chapter can pick up the letter.";
    expect(cleanReply(`${body}\n\n${remark}`, chapter3).text).toBe(body);
    const narrator = "I have kept her letters in a tin under the stairs for forty years.";
    expect(cleanReply(`${PROSE1}\n\n${narrator}\n\n${PROSE2}`, chapter3).text).toBe(`${PROSE1}\n\n${narrator}\n\n${PROSE2}`);
  });

  it("a list or a table where prose was asked leaves no text and gives the class; one beside prose is taken out", () => {
    const list = cleanReply("Here's an outline for Chapter 3:\n\n- Anna opens the piano\n- She finds the letter\n- She reads it twice\n- She keeps it", chapter3);
    expect(list.text).toBe("");
    expect(list.kind.kind).toBe("list");
    const table = cleanReply(`${body}\n\n| Year | Event |\n| --- | --- |\n| 1921 | Piano bought |`, chapter3);
    expect(table.text).toBe(body);
    expect(table.kind.kind).toBe("prose");
    expect(table.strips.filter((s) => s.kind === "table")).toHaveLength(3);
  });

  it("a refusal followed by offers of something else is a refusal", () => {
    const r = cleanReply("I cannot write this scene. Perhaps you'd like something else instead? For example, I could write:\n\n* The morning after\n* The funeral\n\nLet me know!", chapter3);
    expect(r.text).toBe("");
    expect(r.kind.kind).toBe("refusal");
  });

  it("with a language detector, a reply in another language of the same script is classed apart", () => {
    const spanish = "El piano no se había afinado en años, y el do central se atascaba cuando Ana lo pulsaba.";
    const detectLanguage = (t: string) => (/\b(?:el|se|había|cuando)\b/.test(t) ? "es" : "en");
    expect(cleanReply(spanish, { ...chapter3, detectLanguage }).kind.kind).toBe("wrong-language");
    expect(cleanReply(body, { ...chapter3, detectLanguage }).kind.kind).toBe("prose");
  });
});

describe("reply classes", () => {
  it("a refusal is classed as one; a refusal before prose is dropped as a preamble", () => {
    expect(cleanReply("I'm sorry, but I can't help with that request.", chapter3).kind.kind).toBe("refusal");
    const r = cleanReply(`I can't write graphic violence, but here is a version that keeps it off the page.\n\n${body}`, chapter3);
    expect(r.text).toBe(body);
    expect(r.strips[0]).toMatchObject({ kind: "refusal" });
  });

  it("lists, tables, another script and nothing are told apart from prose", () => {
    expect(classifyReply("- Anna finds the piano\n- She opens it\n- The letter falls out\n- She reads it", "en").kind).toBe("list");
    expect(classifyReply("| Scene | Event |\n| --- | --- |\n| 1 | Piano |\n| 2 | Letter |", "en").kind).toBe("table");
    expect(classifyReply("钢琴已经多年没有调音了，安娜按下中央C键时，它卡住了。她打开琴盖，发现了一封信。", "en").kind).toBe("wrong-language");
    expect(classifyReply("钢琴已经多年没有调音了，安娜按下中央C键时，它卡住了。", "zh").kind).toBe("prose");
    expect(classifyReply("", "en").kind).toBe("empty");
    expect(classifyReply(body, "en").kind).toBe("prose");
  });
});

describe("streaming", () => {
  const replies = [
    `Sure! Here is Chapter 3 of your novel:\n\n# Chapter 3: The Piano\n\n${body}\n\nLet me know if you'd like any changes.`,
    `<think>\nplan: piano, letter\n</think>\n\n${body} I hope you enjoy it!\n\n## Chapter 4\n\nThe storm came.`,
    `plan the scene first.\n</think>\n${body}`,
    `<|channel|>analysis<|message|>plan<|end|><|start|>assistant<|channel|>final<|message|>${body}`,
    `Sure enough, the tide came in.\n\n${body}`,
  ];
  // lines opened by emphasis marks: judged by their words, never by the marks and a word's first letters
  const MARKED = [
    `*Chapter 3*\n\n${body}\n\n*End of Chapter Three*`,
    `${body}\n\n**Word count:** 512\n\n**Summary:** In this chapter, Anna finds the letter in the piano.`,
    `${body}\n\n**Chapter 4: The Storm**\n\nThe storm came.`,
    `_Here you go!_ 📖\n\n${body}`,
    // gpt-oss with its special tokens lost, "assistantfinal" cut anywhere between deltas
    `analysisWe need to write the chapter. Let's do it.assistantfinal${body}`,
  ];
  replies.push(...MARKED);
  it("cut anywhere, the stream gives what the whole reply gives, and prose is handed on before the reply ends", () => {
    for (const raw of replies) {
      const whole = cleanReply(raw, chapter3).text;
      if (MARKED.includes(raw)) expect(whole, raw).toBe(body);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: raw.length - 1 }), { maxLength: 30 }), (cuts) => {
          expect(stream(raw, cuts).text).toBe(whole);
        }),
        { numRuns: 60 },
      );
      // and in the pieces of a few characters a tokenizer gives
      for (const size of [2, 3, 5, 7]) expect(stream(raw, Array.from({ length: Math.ceil(raw.length / size) }, (_, i) => i * size)).text, `${size}: ${raw.slice(0, 40)}`).toBe(whole);
    }
    // the first paragraph is handed on while the model is still writing the second
    const cleaner = new ReplyCleaner(chapter3);
    let shown = "";
    for (const word of `${PROSE1}\n\n${PROSE2}`.split(/(?<= )/)) for (const c of cleaner.push(word)) shown = applyChange(shown, c);
    expect(shown.startsWith(PROSE1)).toBe(true);
  });
});
