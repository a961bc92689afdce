/** Units numbered otherwise than 1, 2, 3…: a reference by number means the unit with that label, and the headings say the labels. */
import { describe, expect, it } from "vitest";
import { parseBrief } from "../../../electron/engine/brief/parse-brief";
import { buildPlan } from "../../../electron/engine/plan/build-plan";

const read = (brief: string) => {
  const b = parseBrief(brief);
  const plan = buildPlan(b);
  const leaves = plan.units.filter((u) => u.isLeaf);
  const on = Object.fromEntries(plan.obligations.map((o) => [o.text, o.unitIds.map((id) => leaves.findIndex((l) => l.id === id) + 1)]));
  return { b, leaves, on };
};

describe("labelled units", () => {
  it("puts a prologue and an epilogue around the chapters, with their own lengths, and counts chapters from 1 after the prologue", () => {
    const { b, leaves, on } = read("A thriller: a 1,200-word prologue, then eight chapters of 2,500 words each, and an epilogue of about 600 words. The prologue is the phone call. Chapter 3 is the chase. The epilogue is set a year later.");
    expect(leaves.map((l) => l.heading)).toEqual(["Prologue", ...Array.from({ length: 8 }, (_, k) => `Chapter ${k + 1}`), "Epilogue"]);
    expect(leaves.map((l) => l.targetWords)).toEqual([1200, ...Array(8).fill(2500), 600]);
    expect(b.length.total).toBe(21_800);
    expect(on).toEqual({ "The prologue is the phone call.": [1], "Chapter 3 is the chase.": [4], "The epilogue is set a year later.": [10] });
  });

  it("does not take a part of every unit for a unit of its own", () => {
    const { leaves } = read("Eight chapters of about 2,000 words each, each chapter with an introduction and a summary.");
    expect(leaves).toHaveLength(8);
    const podcast = read("A 10-episode podcast with a 300-word teaser before each episode, 4,000 words per episode.");
    expect(podcast.leaves).toHaveLength(10);
    expect(podcast.b.length.total).toBe(40_000);
    expect(read("Twelve chapters of about 3,000 words each; chapter 1 opens with a prologue-like dream.").leaves).toHaveLength(12);
  });

  it("numbers a run that starts at 0 and reads Roman numerals and titles against it", () => {
    const { leaves, on } = read("One entry for each of the 22 Major Arcana, from card 0, The Fool, to card XXI, The World, about 800 words per card. The Fool's entry introduces the artist. The entry for card XIII, Death, reassures the reader.");
    expect(leaves).toHaveLength(22);
    expect(leaves[0]!.heading).toBe("Card 0: The Fool");
    expect(on["The Fool's entry introduces the artist."]).toEqual([1]);
    expect(on["The entry for card XIII, Death, reassures the reader."]).toEqual([14]);
  });

  it("reads units named by an occasion's number ('his 7th to his 18th')", () => {
    const { on } = read("Twelve letters, one for each of his birthdays from his 7th to his 18th, 400 words each. The letter for his 10th birthday mentions the dog.");
    expect(on["The letter for his 10th birthday mentions the dog."]).toEqual([4]);
  });

  it("puts basement levels below floor 1 and a ground floor below the first floor", () => {
    const office = read("An office tower with two basement levels and ten floors above ground, one section per level from the bottom up, about 300 words each. Floor 1 is the lobby. The top floor is the boardroom.");
    expect(office.leaves.map((l) => l.heading).slice(0, 3)).toEqual(["Floor B2", "Floor B1", "Floor 1"]);
    expect(office.on).toEqual({ "Floor 1 is the lobby.": [3], "The top floor is the boardroom.": [12] });
    expect(read("An office tower with three basement levels and ten floors above ground, one section per level, about 300 words each. The lowest basement holds the servers. B1 is the car park.").on)
      .toEqual({ "The lowest basement holds the servers.": [1], "B1 is the car park.": [3] });
    const house = read("A townhouse: a ground floor plus first, second and third floors (British numbering). One chapter per floor, about 2,000 words each. The ground floor chapter is the party. The second floor is the nursery.");
    expect(house.leaves).toHaveLength(4);
    expect(house.on).toEqual({ "The ground floor chapter is the party.": [1], "The second floor is the nursery.": [3] });
  });

  it("letters units A to Z and reads 'the page for Q', 'the Q page' and a list of letters", () => {
    const { leaves, on } = read("An alphabet book: one page for each letter from A to Z, 120 words a page. The page for Q is about quiet. The X page is about boxes. The vowel pages (A, E, I, O, U) each carry a rhyme.");
    expect(leaves).toHaveLength(26);
    expect(leaves[16]!.heading).toBe("Page Q");
    expect(on).toEqual({ "The page for Q is about quiet.": [17], "The X page is about boxes.": [24], "The vowel pages (A, E, I, O, U) each carry a rhyme.": [1, 5, 9, 15, 21] });
  });

  it("names units said in passing by their position ('the attic (the fifth)')", () => {
    const { on } = read("A house of five storeys, one chapter per storey, from the cellar (the first storey) up to the attic (the fifth), about 2,000 words a storey. The attic chapter holds the twist.");
    expect(on).toEqual({ "The attic chapter holds the twist.": [5] });
  });
});

describe("periods and holidays said of something else", () => {
  it("does not make the units weeks when a relative clause says 'every week'", () => {
    const b = parseBrief("Five open letters to the council, about 10,000 words. The fourth letter lists the groups that meet in the hall every week.");
    expect(b.calendar).toBeUndefined();
    expect(read("Five open letters to the council, about 10,000 words. The fourth letter lists the groups that meet in the hall every week.").on).toEqual({ "The fourth letter lists the groups that meet in the hall every week.": [4] });
  });

  it("reads 'the Christmas lights' as no day", () => {
    const { on } = read("A diary from 1 December to 31 December 2025, one entry a day, 300 words an entry. The entry for 6 December is the Christmas lights switch-on.");
    expect(on).toEqual({ "The entry for 6 December is the Christmas lights switch-on.": [6] });
  });
});

describe("titled containers and uneven counts", () => {
  it("takes titles said where units are counted and still reads the nesting after them", () => {
    const dash = read("A cookbook with four sections - Spring, Summer, Autumn and Winter - each holding ten recipes of about 300 words. The first recipe in Summer is the shortcake. Every Autumn recipe uses apples.");
    expect(dash.leaves).toHaveLength(40);
    expect(dash.on).toEqual({ "The first recipe in Summer is the shortcake.": [11], "Every Autumn recipe uses apples.": [21, 22, 23, 24, 25, 26, 27, 28, 29, 30] });
    const quoted = read("Three sections, titled 'Salt', 'Iron' and 'Ash', eight poems in each, about 150 words per poem. The first poem of 'Iron' is an elegy.");
    expect(quoted.leaves).toHaveLength(24);
    expect(quoted.on).toEqual({ "The first poem of 'Iron' is an elegy.": [9] });
    const brackets = read("A guide in four parts (North, Centre, Lisbon, South), each with five city chapters of about 2,000 words. The first chapter of the South part covers Faro.");
    expect(brackets.on).toEqual({ "The first chapter of the South part covers Faro.": [16] });
  });

  it("reads uneven counts with the inner noun repeated or parts titled between commas", () => {
    const acts = read("Three acts: Act One has 12 scenes, Act Two 20 scenes and Act Three 10 scenes, about 25,200 words in total. The tenth scene of Act Two is the reversal.");
    expect(acts.leaves).toHaveLength(42);
    expect(acts.on).toEqual({ "The tenth scene of Act Two is the reversal.": [22] });
    const memoir = read("A memoir in three parts. Part I, Childhood, has four chapters; Part II, The War, has six; Part III, After, has two. About 80,000 words in all. The first chapter of The War is the call-up.");
    expect(memoir.leaves).toHaveLength(12);
    expect(memoir.on).toEqual({ "The first chapter of The War is the call-up.": [5] });
  });
});

describe("phrasings the new briefs showed", () => {
  it("puts a cold open and a tag around the acts, and an executive summary and a conclusion around sections, without taking the length said of all for the last one", () => {
    const pilot = read("A TV pilot script: a cold open, five acts and a tag, about 1,500 words each. The cold open is the robbery. Act Three ends on the docks. The tag sets up episode two.");
    expect(pilot.leaves.map((l) => l.targetWords)).toEqual(Array(7).fill(1500));
    expect(pilot.on).toEqual({ "The cold open is the robbery.": [1], "Act Three ends on the docks.": [4], "The tag sets up episode two.": [7] });
    const report = read("A policy report: an executive summary, five findings sections and a conclusion, about 7,000 words altogether. The conclusion lists the recommendations.");
    expect(report.b.length.total).toBe(7000);
    expect(report.on).toEqual({ "The conclusion lists the recommendations.": [7] });
  });

  it("reads 'each script around 4,000 words' as a length for each unit whatever the noun", () => {
    expect(read("Two seasons of a podcast, eight episodes per season, each script around 4,000 words.").b.length.total).toBe(64_000);
  });

  it("counts a weekly span whose last day is a unit's own day, and dates a weekly letter by its day", () => {
    const { leaves, on } = read("Letters between two sisters, one letter a week from 3 March to 26 May 1951, around 900 words a letter. The letters in May grow colder.");
    expect(leaves).toHaveLength(13);
    expect(on).toEqual({ "The letters in May grow colder.": [10, 11, 12, 13] });
  });

  it("reads ordinal lists of stories that are no floors, the document's own ending, month lists after 'for', and days said in words", () => {
    expect(read("Six stories, about 42,000 words. The boiler fails in the second and fifth stories.").on).toEqual({ "The boiler fails in the second and fifth stories.": [2, 5] });
    expect(read("A two-act play: Act 1 has five scenes and Act 2 has four. Around 18,000 words. The play ends with Nora leaving.").on).toEqual({ "The play ends with Nora leaving.": [9] });
    expect(read("Twelve essays, one for each month of 2027, roughly 2,000 words apiece. The essays for November and December deal with grief.").on).toEqual({ "The essays for November and December deal with grief.": [11, 12] });
    expect(read("A diary for June 2026, one entry per day, 250 words each. On the first of June she sows the beans.").on).toEqual({ "On the first of June she sows the beans.": [1] });
  });

  it("reads list items as titles when no item is numbered ('Moving Day' holds no Roman numeral)", () => {
    const { leaves } = read("Linked stories, about 18,000 words. The stories, in order:\n\n1. The Caretaker\n2. Moving Day\n3. The Lift\n");
    expect(leaves.map((l) => l.heading)).toEqual(["Story 1: The Caretaker", "Story 2: Moving Day", "Story 3: The Lift"]);
  });
});

describe("what has no place, and the ends of a framed book", () => {
  it("keeps content said to come 'eventually, but I'm not sure when' as one item, not placed", () => {
    const b = parseBrief("A 12-chapter novel, around 54,000 words. Her father's secret should come out eventually, but I'm not sure when.");
    expect(b.requirements.map((r) => [r.text, r.placement.kind])).toEqual([["Her father's secret should come out eventually, but I'm not sure when.", "anywhere"]]);
  });

  it("reads 'the last chapter' of a book with an epilogue as chapter 12, and says the prologue and epilogue were given a chapter's share", () => {
    const { b, on } = read("A novel: a prologue, twelve chapters and an epilogue, about 60,000 words. The last chapter is the trial. The final two chapters are in Rome.");
    expect(on).toEqual({ "The last chapter is the trial.": [13], "The final two chapters are in Rome.": [12, 13] });
    expect(b.length.total).toBe(60_000);
    expect(b.assumed.map((a) => a.why).join(" ")).toMatch(/prologue and the epilogue have no length of their own/);
  });
});

describe("more phrasings from the second round of new briefs", () => {
  it("reads decimal lesson numbers as a lesson inside its unit", () => {
    expect(read("A manual in 4 units, each with 3 lessons, roughly 800 words per lesson. Lesson 2.3 covers ladders. Lessons 4.1 to 4.3 are about first aid.").on)
      .toEqual({ "Lesson 2.3 covers ladders.": [6], "Lessons 4.1 to 4.3 are about first aid.": [10, 11, 12] });
  });

  it("reads acts given as scene ranges with the verb left out after the first", () => {
    const { leaves, on } = read("A film script of 24 scenes, around 150 words a scene. Act one is scenes 1 to 6, act two scenes 7 to 18, act three scenes 19 to 24. The meet-cute happens in the last scene of act one.");
    expect(leaves).toHaveLength(24);
    expect(on).toEqual({ "The meet-cute happens in the last scene of act one.": [6] });
  });

  it("numbers units by year ('one chapter for each year from 1989 to 2001') and reads 'the 1995 chapter'", () => {
    const { leaves, on } = read("A memoir with one chapter for each year from 1989 to 2001, about 2,000 words a chapter. The 1995 chapter is the divorce. The chapters for 1999 and 2000 are set in Berlin.");
    expect(leaves).toHaveLength(13);
    expect(on).toEqual({ "The 1995 chapter is the divorce.": [7], "The chapters for 1999 and 2000 are set in Berlin.": [11, 12] });
  });

  it("reads 'the season finale' of a single season as its last episode", () => {
    expect(read("A podcast of ten episodes, each script about 3,000 words. The season finale is a live show.").on).toEqual({ "The season finale is a live show.": [10] });
  });

  it("reads Dutch briefs and German genitives ('des zweiten Teils', 'mit je')", () => {
    expect(read("Een roman in 10 hoofdstukken van ongeveer 3.000 woorden. In hoofdstuk 4 sterft de hond.").on).toEqual({ "In hoofdstuk 4 sterft de hond.": [4] });
    const de = read("Ein Sachbuch in drei Teilen mit je fünf Kapiteln, rund 45.000 Wörter. Das erste Kapitel des zweiten Teils handelt von der Energiewende.");
    expect(de.leaves).toHaveLength(15);
    expect(de.on).toEqual({ "Das erste Kapitel des zweiten Teils handelt von der Energiewende.": [6] });
    expect(de.b.assumed.every((a) => !/Sachbuch in 3 Parts/.test(a.text))).toBe(true);
  });
});

describe("labels through the studio's form", () => {
  it("keeps a prologue's heading and every placement when the brief is saved from the form and read again", async () => {
    const { briefToForm, formToBriefMarkdown } = await import("../../../electron/node/backend/drafting/brief-form");
    const first = read("A thriller: a 1,200-word prologue, then eight chapters of 2,500 words each, and an epilogue of about 600 words. The prologue is the phone call. Chapter 3 is the chase.");
    const again = read(formToBriefMarkdown(briefToForm(first.b)));
    expect(again.leaves.map((l) => [l.heading, l.targetWords])).toEqual(first.leaves.map((l) => [l.heading, l.targetWords]));
    expect(again.on).toEqual(first.on);
    expect(again.on["Chapter 3 is the chase."]).toEqual([4]);
  });
});

describe("the third round of new briefs", () => {
  it("reads 'the rest' after named ranges as the units after them", () => {
    expect(read("A 14-day guide to Japan, one chapter per day, about 1,000 words each. Days 1–4 are in Tokyo, days 5–7 in Kyoto, and the rest in Osaka.").on)
      .toEqual({ "Days 1–4 are in Tokyo": [1, 2, 3, 4], "days 5–7 in Kyoto": [5, 6, 7], "the rest in Osaka.": [8, 9, 10, 11, 12, 13, 14] });
  });

  it("reads 'twelve lessons delivered over six weeks' as six weeks of two lessons", () => {
    const { leaves, on } = read("A course of twelve lessons delivered over six weeks (two lessons a week), about 1,100 words per lesson. The first lesson of the final week is the mock interview.");
    expect(leaves).toHaveLength(12);
    expect(on).toEqual({ "The first lesson of the final week is the mock interview.": [11] });
  });
});

describe("sections counted by kind", () => {
  it("reads '8 starters, 12 mains and 6 desserts' as sections by kind and 'the first main', 'every salad' inside them", () => {
    const cookbook = read("A dinner-party cookbook: 8 starters, 12 mains and 6 desserts, one recipe per page of about 300 words. The first main is the beef Wellington. The last dessert is the soufflé.");
    expect(cookbook.leaves).toHaveLength(26);
    expect(cookbook.on).toEqual({ "The first main is the beef Wellington.": [9], "The last dessert is the soufflé.": [26] });
    const picnic = read("A picnic book: 5 sandwiches, 4 salads and 3 cakes, about 200 words each. Every salad is vegan.");
    expect(picnic.leaves).toHaveLength(12);
    expect(picnic.on).toEqual({ "Every salad is vegan.": [6, 7, 8, 9] });
    expect(picnic.b.assumed.some((a) => /counts both/.test(a.why))).toBe(false);
  });
});

describe("a prologue the structure cannot hold", () => {
  it("says so, and keeps what is placed on it as not understood, never dropped", () => {
    const b = parseBrief("A novel in three parts of four chapters each, with a prologue and an epilogue, about 90,000 words. The prologue is the shipwreck. Chapter 5 is the trial.");
    expect(b.assumed.map((a) => a.why).join(" ")).toMatch(/asks for a prologue and an epilogue around its parts of chapters/);
    expect(b.requirements.find((r) => r.text === "The prologue is the shipwreck.")?.placement.kind).toBe("anywhere");
    expect(b.unresolved.map((u) => u.text)).toContain("The prologue is the shipwreck.");
  });
});
