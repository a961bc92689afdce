/**
 * Required content and its places in briefs as writers type them: shorthand unit references at a
 * line's start, nested and edge references, a container's topic, sentences that place nothing
 * (prohibitions, optional units, layout for every unit), items placed anywhere, periodic patterns
 * in writers' words, and one item said twice. Each case reads a brief with parseBrief and checks
 * the leaves the plan puts each item on.
 */
import { describe, expect, it } from "vitest";
import { buildPlan, parseBrief } from "../../../electron/engine/index";

/** Each requirement's words (`content` its own, `item` what is to be met) with the 1-based leaves it lands on ([] when unplaced). */
function placed(source: string): { content: string; item: string; leaves: number[] }[] {
  const brief = parseBrief(source);
  const plan = buildPlan(brief);
  const leaves = plan.units.filter((u) => u.isLeaf);
  const index = new Map(leaves.map((u, i) => [u.id, i + 1]));
  return plan.obligations.map((o) => ({ content: o.text, item: o.content, leaves: o.unitIds.map((id) => index.get(id)!).sort((a, b) => a - b) }));
}

function leavesOf(source: string, words: string): number[] | undefined {
  const hits = placed(source).filter((p) => p.content.toLowerCase().includes(words.toLowerCase()));
  expect(hits.length, `one item holds “${words}”: ${JSON.stringify(placed(source))}`).toBe(1);
  return hits[0]!.leaves;
}

const NOVEL = "A novel of 16 chapters, about 2,000 words each.\n\n";
const COURSE = "A course of 4 modules with 3 lessons in each, 900 words per lesson.\n\n";

describe("shorthand references at a line's start", () => {
  it("reads ch., chs … thru, Ch. N – and chN: as chapters, one line one item", () => {
    const src = `${NOVEL}Beats:\nch. 1 meet-cute at the depot\nchs 3 thru 5 the rumour subplot\nCh. 14 – first kiss on the night bus\nch16: the wedding`;
    expect(leavesOf(src, "meet-cute")).toEqual([1]);
    expect(leavesOf(src, "rumour subplot")).toEqual([3, 4, 5]);
    expect(leavesOf(src, "first kiss")).toEqual([14]);
    expect(leavesOf(src, "wedding")).toEqual([16]);
  });

  it("reads dotted act.scene and module.lesson forms ('II.3', 'in III.iv', a list's '2.3 payroll')", () => {
    const play = "A play in three acts, four scenes per act, about 2,000 words a scene.\n\nII.3 the letter scene\nThe duel comes in III.iv, at dawn.\nAct 1 sc 2: the proposal";
    expect(leavesOf(play, "letter scene")).toEqual([7]);
    expect(leavesOf(play, "duel")).toEqual([12]);
    expect(leavesOf(play, "proposal")).toEqual([2]);
    const course = `${COURSE}1.1 welcome and setting up\n2.3 payroll\n3.1 a case study on VAT`;
    expect(leavesOf(course, "welcome")).toEqual([1]);
    expect(leavesOf(course, "payroll")).toEqual([6]);
    expect(leavesOf(course, "case study")).toEqual([7]);
  });

  it("reads a single capital glued to its number when one level begins with it (L2 for lesson 2)", () => {
    const src = "A course of 5 lessons, 1,500 words per lesson.\n\nL1 – materials\nL2 (lesson 2) wet-on-wet skies\nL4 - a lighthouse";
    expect(leavesOf(src, "materials")).toEqual([1]);
    expect(leavesOf(src, "wet-on-wet")).toEqual([2]);
    expect(leavesOf(src, "lighthouse")).toEqual([4]);
  });

  it("leaves wrapped prose whole: a line that runs on is not cut at the unit that starts the next", () => {
    const src = `${NOVEL}The storm hits in\nChapter 5 and the barn burns.`;
    expect(leavesOf(src, "storm hits")).toEqual([5]);
    expect(leavesOf(src, "barn burns")).toEqual([5]);
  });
});

describe("a lower-case email with lists under season names", () => {
  const email = "Hey!\n\nok so here's the plan for the ghost podcast. two seasons, 8 eps each, ~4k words per ep.\n\nS1:\n- ep1: we arrive at the inn\n- eps 6–8 the long storm\nS2:\n- Ep. 1: the new owners\n- last ep: we leave, for good\n- a seance\n\nthe ghost should never be seen in S1, only heard. no jump scares anywhere pls!!\nevery other episode starting with the second has a 'letters from listeners' bit at the end\nalso the innkeeper's diary turns up somewhere in season 2 — you choose where.\n\nthx, J";

  it("places list items inside the season their lead names, short level names included ('8 eps each')", () => {
    expect(leavesOf(email, "arrive at the inn")).toEqual([1]);
    expect(leavesOf(email, "long storm")).toEqual([6, 7, 8]);
    expect(leavesOf(email, "new owners")).toEqual([9]);
    expect(leavesOf(email, "we leave")).toEqual([16]);
    expect(leavesOf(email, "seance")).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
  });

  it("splits lower-case sentences and lines, drops what is forbidden, keeps what is placed somewhere in a season unplaced", () => {
    expect(leavesOf(email, "letters from listeners")).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    expect(leavesOf(email, "innkeeper's diary")).toEqual([]);
    expect(placed(email).some((p) => /ghost|jump scares/.test(p.content))).toBe(false);
  });
});

describe("nested and edge references", () => {
  it("places 'the last lesson of each', 'End every module with', 'the second lesson of Module 2'", () => {
    const src = `${COURSE}The second lesson of Module 2 walks through a VAT return.\nEnd every module with a quiz (so the last lesson of each).`;
    expect(leavesOf(src, "VAT return")).toEqual([5]);
    expect(leavesOf(src, "quiz")).toEqual([3, 6, 9, 12]);
  });

  it("nests a possessive owner and an owner that took its preposition ('each module's last lesson', 'in every module')", () => {
    const src = `${COURSE}Each module's last lesson is a recap.\nThe closing lesson in every module has a crossword.\nModule 3's first lesson: invoices.`;
    expect(leavesOf(src, "recap")).toEqual([3, 6, 9, 12]);
    expect(leavesOf(src, "crossword")).toEqual([3, 6, 9, 12]);
    expect(leavesOf(src, "invoices")).toEqual([7]);
  });

  it("reads 'both the first and the last chapter', 'the book's last chapter', and says 'the second half of the book' names no units", () => {
    const src = "A novel in 3 parts of 4 chapters, 1,000 words each.\n\nBoth the first and the last chapter are set on the ferry.\nThe book's last chapter: the will.\nThe second half of the book is in winter.";
    expect(leavesOf(src, "ferry")).toEqual([1, 12]);
    expect(placed(src).find((p) => /the will/.test(p.content))).toMatchObject({ item: "The will.", leaves: [12] });
    expect(leavesOf(src, "in winter")).toEqual([]);
    expect(parseBrief(src).unresolved.some((u) => /in winter/.test(u.text))).toBe(true);
  });

  it("reads a note that opens with 'penultimate' and no 'the' ('penultimate chapter: …', 'penultimate ch = …')", () => {
    expect(leavesOf(`${NOVEL}- penultimate chapter: the ferry finally sails`, "ferry")).toEqual([15]);
    expect(leavesOf(`${NOVEL}- penultimate ch = her sister's letter arrives`, "sister's letter")).toEqual([15]);
  });

  it("reads 'by the end of part two' as Part Two's last chapter", () => {
    const src = "A memoir in 3 parts of 5 chapters, 3,000 words per chapter.\n\nBy the end of part two I have left school.";
    expect(leavesOf(src, "left school")).toEqual([10]);
  });
});

describe("a container's topic", () => {
  it("places an outline line's topic on all of its module's lessons, '(all three lessons)' included", () => {
    const src = "Bookkeeping course: 3 modules of 3 lessons, about 1,000 words a lesson.\n\nModule 1 – Getting set up\nModule 2 – VAT (all three lessons)\nModule 3 – Year end";
    expect(leavesOf(src, "Getting set up")).toEqual([1, 2, 3]);
    expect(leavesOf(src, "VAT")).toEqual([4, 5, 6]);
    expect(leavesOf(src, "Year end")).toEqual([7, 8, 9]);
  });

  it("takes a line that names a unit written as prose, or a quoted name, for its title, not an item", () => {
    const podcast = "An audio drama of 6 episodes, about 2,500 words a script.\n\nEpisode 1: \"Static\"\nEpisode 2: \"The Night Caller\"\nThe caller's voice is first heard in episode 2.";
    expect(placed(podcast).map((p) => p.content)).toEqual(["The caller's voice is first heard in episode 2."]);
    const modules = "Course: bookkeeping for market traders, ~1,000 words per module, 4 modules.\n\nModule 1 – Getting set up\nModule 2 – VAT\n\nModule 2 must include a worked example with a £2,000 invoice.";
    expect(placed(modules).map((p) => p.leaves)).toEqual([[2]]);
    // modules that hold lessons: the line gives the module's topic, content for all its lessons
    expect(leavesOf(`${COURSE}Module 2 – VAT\nModule 3 – Payroll`, "VAT")).toEqual([4, 5, 6]);
  });

  it("reads a topic in bold, after '=', or in brackets beside the count, as the topic alone", () => {
    const src = "Course: 3 modules of 3 lessons, about 1,000 words a lesson.\n\n**Module 1: Getting set up**\nModule 2 (VAT and invoices, all three lessons)\n- Module 3 = Year end";
    expect(placed(src).map((p) => [p.item, p.leaves])).toEqual([["Getting set up", [1, 2, 3]], ["VAT and invoices", [4, 5, 6]], ["Year end", [7, 8, 9]]]);
  });

  it("places 'Lesson 2 of this module' in the module its heading names, and takes a heading's words as its title, not an item", () => {
    const src = "Course: 3 modules of 3 lessons, about 1,000 words a lesson.\n\n## Module 1: Getting set up\n## Module 2 – VAT\nLesson 2 of this module has a worked example.\n## Module 3 – Year end";
    expect(placed(src).map((p) => [p.item, p.leaves])).toEqual([["Has a worked example.", [5]]]);
  });

  it("keeps 'one chapter' of a part unplaced and says so, offering the part's first chapter", () => {
    const brief = parseBrief("A memoir, 3 parts of 4 chapters each, 2,500 words a chapter.\n\nIn Part Two, one chapter should be about the Cod Wars.");
    const r = brief.requirements.find((x) => /Cod Wars/.test(x.text))!;
    expect(r.placement.kind).toBe("anywhere");
    const note = brief.unresolved.find((u) => u.requirementId === r.id)!;
    expect(note.why).toMatch(/one chapter of Part 2/);
    expect(note.alternative?.change).toMatchObject({ kind: "placement", placement: { kind: "within", outer: { kind: "once", level: "Part", index: 2 } } });
  });
});

describe("sentences that place no content", () => {
  it("drops prohibitions, optional units, asides about the structure and every unit's layout or voice", () => {
    const src = `${NOVEL}Every chapter should stay inside her head: close third, no head-hopping.\nEach chapter a little shorter than the one before.\nEach chapter needs a date and a place line at the top.\nNo one dies in chapter 3.\nNobody from the family dies before Chapter 9.\nThe ghost is never seen in chapters 1-6, only heard.\nNO proposal anywhere, please.\nChapter 5's epilogue is optional.\nThe interval falls after chapter 8; no extra chapter is needed.\nChapter 4: she finds the letters.`;
    expect(placed(src).map((p) => p.content)).toEqual([expect.stringMatching(/finds the letters/)]);
    expect(leavesOf(src, "finds the letters")).toEqual([4]);
  });

  it("drops what a modal forbids even when the unit is its subject ('Lesson 3 should not contain any maths')", () => {
    const src = `${COURSE}Lesson 3 should not contain any maths.\nI don't want a test in module 1.\nPlease avoid jargon in module 4.\nModule 2: spreadsheets.`;
    expect(placed(src).map((p) => p.content)).toEqual([expect.stringMatching(/spreadsheets/i)]);
  });

  it("drops what only sets a unit's length, tense or person, or says it needs nothing, and keeps what merely sounds like it", () => {
    const src = `${NOVEL}Chapter 3 should be shorter than the others.\nChapters 1-3 are in present tense.\nChapter 5 can run a bit longer.\nKeep chapter 9 tight.\nChapter 6 is told in the first person.\nChapter 10 doesn't need a cliffhanger.\nChapter 11 has no dialogue at all.\nChapter 8 is long on atmosphere: the fog rolls in.`;
    expect(placed(src).map((p) => p.content)).toEqual([expect.stringMatching(/fog rolls in/)]);
  });

  it("drops asides about editing or drafting the units and a unit's name, but keeps content said with its name", () => {
    const src = `${NOVEL}Feel free to merge chapters 4 and 5 if it reads better.\nChapters 1-3 are already drafted; start at chapter 4.\nChapter 3's title is 'The Well'.\nChapter 6 is called The Flood and has the dam bursting.`;
    expect(placed(src).map((p) => [p.content, p.leaves])).toEqual([["Chapter 6 is called The Flood and has the dam bursting.", [6]]]);
  });

  it("keeps a negated event that happens in the units ('Tom doesn't come home', 'are never sent'), and 'I don't want to say where'", () => {
    const src = `${NOVEL}In chapter 5 Tom doesn't come home.\nThe final two chapters are never sent to the printer.\nSomewhere the two brothers reconcile, but I don't want to say where.`;
    expect(leavesOf(src, "brothers reconcile")).toEqual([]);
    expect(leavesOf(src, "doesn't come home")).toEqual([5]);
    expect(leavesOf(src, "never sent")).toEqual([15, 16]);
  });
});

describe("items placed anywhere", () => {
  it("keeps 'somewhere', 'doesn't matter where', 'at some point', 'any chapter you like' as unplaced items", () => {
    const src = `${NOVEL}Include:\n- a recipe for parkin, somewhere in the book\n- a cameo by the parrot (doesn't matter where)\n- the cat knocks over the board at some point\n- a goose, in any chapter you like`;
    for (const words of ["parkin", "parrot", "cat knocks", "goose"]) expect(leavesOf(src, words)).toEqual([]);
  });
});

describe("more ways of saying no particular place", () => {
  it("keeps '(any chapter)', 'at least once', 'In one of the chapters … wherever you think best' unplaced, and says why 'the chapter about …' has no place", () => {
    const src = "A memoir: 3 parts, 5 chapters in each, 2,000 words per chapter.\n\nThe chapter about my mother's shop should have the till drawer.\nIn one of the chapters, the bicycle story - wherever you think best.\nThe book should mention the 1966 World Cup at least once.\nInclude the recipe for clootie dumpling (any chapter).\nChapter 3: answer any questions the reader has.";
    for (const words of ["till drawer", "bicycle story", "World Cup", "clootie dumpling"]) expect(leavesOf(src, words)).toEqual([]);
    expect(leavesOf(src, "answer any questions")).toEqual([3]);
    const brief = parseBrief(src);
    expect(brief.unresolved.some((u) => /till drawer/.test(u.text))).toBe(true);
  });
});

describe("periodic patterns in writers' words", () => {
  it("continues 'weeks 2, 4, 6 …' to the end, and reads 'the 1st and 15th of each month' on a diary", () => {
    const weeks = "A twelve-week training newsletter: one issue per week, 800 words per issue.\n\nA stretching routine in weeks 2, 4, 6 …\nRecipes in weeks 3, 6, 9 and 12.";
    expect(leavesOf(weeks, "stretching")).toEqual([2, 4, 6, 8, 10, 12]);
    expect(leavesOf(weeks, "Recipes")).toEqual([3, 6, 9, 12]);
    const diary = "A diary from 1 March to 30 April 2027, one entry per day, about 300 words each.\n\nOn the 1st and 15th of each month she pays the rent.";
    expect(leavesOf(diary, "pays the rent")).toEqual([1, 15, 32, 46]);
  });
});

describe("more periodic patterns", () => {
  it("reads alternate units, bare comma lists, the first or last day of each month, weekends and '<day>'s entry'", () => {
    const pod = "Podcast, 12 episodes, 3,000 words each.\n\nA cold open in alternate episodes, beginning with episode 2.\nThe host's diary in episodes 3, 6, 9, 12.";
    expect(leavesOf(pod, "cold open")).toEqual([2, 4, 6, 8, 10, 12]);
    expect(leavesOf(pod, "host's diary")).toEqual([3, 6, 9, 12]);
    const diary = "A diary from 1 January to 31 March 2027, one entry per day, 200 words each.\n\nThe first entry of each month is a list of resolutions.\nOn the last day of every month she balances the books.\nWeekends: a walk on the beach.\nEach Monday's entry starts with the weather.";
    expect(leavesOf(diary, "resolutions")).toEqual([1, 32, 60]);
    expect(leavesOf(diary, "balances the books")).toEqual([31, 59, 90]);
    expect(leavesOf(diary, "walk on the beach")).toHaveLength(26);
    expect(placed(diary).find((p) => /weather/.test(p.content))!.content).not.toMatch(/^'s/);
  });
});

describe("one item said twice", () => {
  it("plans a label line and the sentence that places the same item once", () => {
    const src = `${NOVEL}The lighthouse fire — chapter 11\nIn chapter 11 the fire at the lighthouse is seen from the ferry.\n\nAda's wedding (last chapter)\nThe last chapter is Ada's wedding on the harbour wall.`;
    expect(placed(src)).toHaveLength(2);
    expect(leavesOf(src, "fire at the lighthouse")).toEqual([11]);
    expect(leavesOf(src, "harbour wall")).toEqual([16]);
  });
});
