/**
 * A brief pasted in the writer's words fills the form once: the project's title where the text
 * names none, and nothing of the text twice (the whole brief used to be repeated under "other
 * instructions", premise and required content included), while nothing the writer wrote is lost.
 * Checked on the held-out corpus, written apart from this code, and on a brief of our own.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseBrief } from "../../../electron/engine/index";
import { formFromPasted } from "../../../electron/node/backend/drafting/pasted-brief";

const heldOut = join(import.meta.dirname, "../../fixtures/brief-corpus/held-out");
const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
const sentences = (s: string) =>
  [...new Intl.Segmenter("en", { granularity: "sentence" }).segment(s)].map((x) => norm(x.segment)).filter((x) => x.split(" ").length >= 4);

const OWN = [
  "I want a literary mystery of about 36,000 words, in three parts of four chapters each.",
  "",
  "A retired lighthouse keeper on a Hebridean island finds a drowned stranger whose pockets hold letters addressed to her dead sister.",
  "",
  "The stranger's body is found in chapter 1. Every third chapter should end with a storm. The sister's letters are read aloud in the last chapter.",
  "",
  "Write it in the first person, past tense, with a quiet, wry voice. Avoid gore. Keep the island's geography consistent: the lighthouse is on the north point.",
].join("\n");

describe("a pasted brief in the form", () => {
  it("keeps the project's title, finds the premise past a sentence of lengths, and says each thing once", () => {
    const form = formFromPasted(parseBrief(OWN, "the pasted brief"), OWN, "Harbour Lights");
    expect(form.title).toBe("Harbour Lights");
    expect(form.premise).toMatch(/^A retired lighthouse keeper/);
    expect(form.instructions).toBe(
      "Write it in the first person, past tense, with a quiet, wry voice. Avoid gore. Keep the island's geography consistent: the lighthouse is on the north point.",
    );
    expect(form.requirements.map((r) => r.text)).toHaveLength(3);
  });

  it("keeps a title the brief gives in its heading, and leaves its heading line out of the instructions", () => {
    const text = "# The Island\n\nA novel of 20 chapters and 10,000 words. Anna returns to the island where she grew up.\n\nIn chapter 3, Anna finds the letter hidden in the piano.\n\nNo epilogue, please.";
    const form = formFromPasted(parseBrief(text, "the pasted brief"), text, "Harbour Lights");
    expect(form.title).toBe("The Island");
    expect(form.instructions).toBe("No epilogue, please.");
  });

  it("takes the writer's greeting, thanks and throat-clearing for neither the premise nor an instruction", () => {
    const text = [
      "Hi! I've been meaning to write this for years.",
      "",
      "A warm, funny road-trip novel of 12 chapters, about 2,000 words each. Two sisters drive their late father's van from Leeds to Lisbon to scatter his ashes.",
      "",
      "In chapter 6 the van breaks down in the Pyrenees.",
      "",
      "Keep it gentle. Thanks so much!",
    ].join("\n");
    const brief = parseBrief(text, "the pasted brief");
    const form = formFromPasted(brief, text, "Harbour Lights");
    expect(form.premise).toMatch(/^A warm, funny road-trip novel/);
    expect(form.premise).toContain("Two sisters drive their late father's van");
    expect(form.instructions).toBe("Keep it gentle.");
    expect(brief.kind).toBe("novel");
    // a greeting that carries the book is kept whole
    const direct = "Hey Quire, I need a novel about a lighthouse keeper who finds a drowned stranger. 10 chapters, 2,500 words each.";
    expect(formFromPasted(parseBrief(direct, "the pasted brief"), direct, "Harbour Lights").premise).toMatch(/^Hey Quire, I need a novel about a lighthouse keeper/);
    // and so is a lead-in with what it leads to
    const lead = "Here's the idea: a ghost story in 8 chapters, 1,500 words each, set in a Cornish tin mine.";
    expect(formFromPasted(parseBrief(lead, "the pasted brief"), lead, "Harbour Lights").premise).toContain("Here's the idea: a ghost story");
  });

  it("keeps a pasted brief's front matter out of the premise and the instructions, and reads its style keys", () => {
    const text = "---\ntitle: The Salt Ledger\ngenre: literary thriller\nlength: 80k\npov: close third, past tense\n---\n\n24 chapters.\n\nNotes:\n1. The audit opens the book - ch 1.\n2. Ruth finds the second ledger in chapter 9.\n3. Keep the harbour town unnamed.";
    const brief = parseBrief(text, "the pasted brief");
    const form = formFromPasted(brief, text, "Harbour Lights");
    expect(form.premise).not.toMatch(/title:|length:|genre:/);
    expect(form.instructions).not.toMatch(/title:|length:|genre:|^1\.|\b2\. 3\./m);
    expect(form.instructions).toContain("Keep the harbour town unnamed.");
    expect(form.style.pov).toBe("close third, past tense");
    expect(brief.unresolved.map((u) => u.text)).not.toContain("pov:");
  });

  const files = readdirSync(heldOut).filter((f) => f.endsWith(".md"));
  it(`repeats nothing and loses nothing, on ${files.length} held-out briefs`, () => {
    let read = 0;
    for (const f of files) {
      const text = readFileSync(join(heldOut, f), "utf8");
      let brief;
      try {
        brief = parseBrief(text, "the pasted brief");
      } catch {
        continue; // a brief the reader refuses says so in the studio; nothing to fill
      }
      read++;
      const form = formFromPasted(brief, text, "Harbour Lights");
      const other = [form.premise, ...form.requirements.map((r) => r.text)].map(norm).join(" | ");
      // nothing of the instructions is in the premise or the required content
      for (const s of sentences(form.instructions)) expect(other, `${f}: "${s}" twice`).not.toContain(s);
      expect(norm(form.instructions), f).not.toBe(norm(text));
      // every sentence the writer wrote is in some field, or states the length or the units the form holds
      const everything = norm([form.title, form.premise, form.instructions, ...form.requirements.map((r) => r.text)].join(" \n "));
      const shape = new RegExp(`\\b(${String(form.length.total)}|${form.length.total.toLocaleString("en")}|${form.structure.map((l) => norm(l.name)).join("|")})`, "i");
      for (const s of sentences(text.replace(/^---[\s\S]*?\n---\n/, ""))) {
        if (everything.includes(s) || shape.test(s) || shape.test(s.replace(/ /g, ""))) continue;
        // a sentence the reader split into clauses is kept clause by clause
        expect(s.split(" ").filter((w) => w.length > 3).every((w) => everything.includes(w)), `${f}: "${s}" lost`).toBe(true);
      }
    }
    expect(read).toBeGreaterThan(files.length / 2);
  });
});
