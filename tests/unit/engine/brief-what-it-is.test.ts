/**
 * What a brief says the work is. Its kind ("a novel", "letters", "a podcast") goes into every
 * drafting prompt ("You are writing …, a novel in English"): it is the kind the brief introduces
 * itself as, never a word of its story ("the letters in his coat"). Its units are calendar
 * periods only where the brief speaks of dates: a course's "Week 3" is no week of January 2025.
 */
import { describe, expect, it } from "vitest";
import { parseBrief } from "../../../electron/engine/index";

const kindOf = (text: string) => parseBrief(text, "brief.md").kind;

describe("the kind of work a brief names", () => {
  it("is not a thing in the story", () => {
    expect(kindOf("A mystery novel in 12 chapters, 2,000 words each.\n\nIn chapter 5, Tom finds the letters in his coat.")).toBe("novel");
    expect(kindOf("Twelve chapters of about 2,000 words.\n\nIn chapter 5, Tom finds the letters in his coat.")).toBe("book");
    expect(kindOf("Quarterly newsletters for an allotment society, eight in all, 800 words each.")).toBe("newsletter");
  });

  it("is the one the brief opens with, or introduces after some background", () => {
    expect(kindOf("An epistolary novella: 20 letters between two sisters, about 600 words a letter.")).toBe("letters");
    expect(kindOf("Scripts for a comedy podcast: 2 seasons of 8 episodes, 4,000 words each. The guide to the town appears in episode 3.")).toBe("podcast");
    expect(kindOf("Hi! Some background first. My grandfather was a seaman for 31 years.\n\nWhat I want: a family saga novel of 22 chapters, around 3,000 words a chapter.")).toBe("novel");
    expect(kindOf("Una novela corta de doce capítulos, unas 2.500 palabras por capítulo.")).toBe("novel");
  });
});

describe("weeks that are not dates", () => {
  it("a course counted in weeks gets no calendar it never asked for; a diary with dates keeps its own", () => {
    const course = parseBrief("An online course in 12 weeks, about 1,500 words a week. Week 3 introduces watercolour washes.", "brief.md");
    expect(course.calendar).toBeUndefined();
    expect(course.assumed.map((a) => a.why).join(" ")).not.toMatch(/1 January/);
    expect(course.structure).toEqual([expect.objectContaining({ name: "Week", count: 12 })]);
    expect(course.requirements[0]!.placement).toEqual({ kind: "once", level: "Week", index: 3 });
    // a date in the brief: the weeks are calendar weeks, the year assumed and said so
    const diary = parseBrief("A weekly diary of 12 entries, 300 words each. On 13 May, Maya celebrates her birthday.", "brief.md");
    expect(diary.calendar).toBeDefined();
    expect(diary.assumed.map((a) => a.why).join(" ")).toMatch(/1 January 2025/);
  });

  it("'may' and 'march' as everyday words are no dates; May and March as months are", () => {
    for (const text of [
      "An online course in 12 weeks, about 1,500 words a week. Learners may skip week 4 if they know the basics. March the class through colour theory in week 2.",
      "A training plan of 10 weeks, 800 words a week. Nothing may mar the rest day in week 5.",
    ]) {
      const b = parseBrief(text, "brief.md");
      expect(b.calendar, text).toBeUndefined();
      expect(b.assumed.map((a) => a.why).join(" "), text).not.toMatch(/1 January/);
    }
    for (const text of [
      "A garden journal of 12 weeks, 500 words a week. The first frost comes in May.",
      "A garden journal of 12 weeks, 500 words a week. Planting starts March 3.",
      "A garden journal of 12 weeks, 500 words a week. The seeds arrive by early March.",
    ]) expect(parseBrief(text, "brief.md").calendar, text).toBeDefined();
  });
});

describe("what must appear, as the checks and the prompts read it", () => {
  it("leaves out the brief's lead-ins and the words that only said where", () => {
    const b = parseBrief(
      [
        "A gentle novel, 12 chapters of around 900 words each.",
        "",
        "Things that have to happen: a lodger called Mr Pell arrives in the first chapter with a locked trunk. Around the middle (chapter 6 or so) Rose finds out the trunk is full of letters.",
        "",
        "Must include: the harbour fog in chapter 3.",
        "",
        "Family birthdays: Rose's mother turns ninety in chapter 9.",
      ].join("\n"),
      "brief.md",
    );
    const content = Object.fromEntries(b.requirements.map((r) => [JSON.stringify(r.placement), r.content]));
    expect(content[JSON.stringify({ kind: "once", level: "Chapter", index: 1 })]).toBe("A lodger called Mr Pell arrives with a locked trunk.");
    expect(content[JSON.stringify({ kind: "once", level: "Chapter", index: 6 })]).toBe("Rose finds out the trunk is full of letters.");
    expect(content[JSON.stringify({ kind: "once", level: "Chapter", index: 3 })]).toBe("The harbour fog.");
    // a lead-in that says something is kept
    expect(content[JSON.stringify({ kind: "once", level: "Chapter", index: 9 })]).toMatch(/^Family birthdays: Rose's mother turns ninety/);
    // the writer's words stay as they wrote them
    expect(b.requirements.map((r) => r.text)).toContain("Must include: the harbour fog in chapter 3.");
  });
});

describe("a place the brief gives roughly", () => {
  it("is placed where it says, and listed as an assumption, never silently", () => {
    const b = parseBrief("A novel of 12 chapters, 900 words each.\n\nAround the middle (chapter 6 or so) Rose finds out the trunk is full of letters. In chapter 9 the trunk goes into the sea.", "brief.md");
    const rough = b.requirements.find((r) => r.placement.kind === "once" && r.placement.index === 6)!;
    expect(rough).toBeDefined();
    const notes = b.assumed.filter((a) => a.requirementId === rough.id);
    expect(notes.map((n) => n.why).join(" ")).toMatch(/roughly|approximate|about/i);
    // a place given exactly gets no such note
    const exact = b.requirements.find((r) => r.placement.kind === "once" && r.placement.index === 9)!;
    expect(b.assumed.filter((a) => a.requirementId === exact.id)).toEqual([]);
  });
});

describe("notes on some units are not the list of all of them", () => {
  it("keeps a stated count when its lines name units past their own number ('Week 6: …' among three lines)", () => {
    const b = parseBrief(
      "A six-week reading course on the Victorian novel, one session per week, 2,000 words per session.\n\nWeek 1: Dickens and the serial.\nWeek 5's reading is optional.\nWeek 3 covers Middlemarch.\nThe interval falls after week 3; no extra session is needed.\nWeek 6: a closing essay question.",
      "brief.md",
    );
    expect(b.structure.map((l) => [l.name, l.count])).toEqual([["Week", 6]]);
    expect(b.requirements.find((r) => /closing essay/.test(r.text))?.placement).toEqual({ kind: "once", level: "Week", index: 6 });
  });
});

