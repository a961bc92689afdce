/**
 * The lexical pass on required content that names an action: a passage with the item's people and
 * things but not its act is not enough ("Tomas burns the map" is not met by Tomas folding the map
 * by the stove), while the act in any tense meets it, irregular forms included. Phrasings written
 * for these tests.
 */
import { describe, expect, it } from "vitest";
import { checkObligations, itemAction, lexicalCoverage, LEXICAL_MET } from "../../../electron/engine/monitors/obligations";

const met = async (item: string, text: string) => (await checkObligations(text, [{ id: "o1", content: item, text: item }], null)).checks[0]!.met;

describe("the lexical pass and the item's action", () => {
  it("the item's people and things without its act are not met", async () => {
    const text = "Tomas sat by the stove with the map on his knees. He folded the old map twice and put it back in the drawer, and the stove ticked as it cooled.";
    expect(lexicalCoverage("Tomas burns the old map in the stove", text)).toBeLessThan(LEXICAL_MET);
    expect(await met("Tomas burns the old map in the stove", text)).not.toBe(true);
    // what a remark about the piece claims is not in the prose either
    const claim = "Greta kept the ring in her coat all evening and never took it out. She walked home past the jeweller's shop without stopping.";
    expect(await met("Greta gives the ring back to the jeweller", claim)).not.toBe(true);
  });

  it("the act in another tense, irregular or not, meets it", async () => {
    expect(await met("Tomas burns the old map in the stove", "At midnight Tomas burned the old map in the stove.")).toBe(true);
    expect(await met("Anna finds the letter in the piano", "Under the felt of the piano Anna found the letter.")).toBe(true);
    expect(await met("the keeper tells Anna about the storm", "That night the keeper told Anna about the storm of 1953.")).toBe(true);
    expect(await met("Greta gives the ring back to the jeweller", "In the end Greta gave the ring back to the old jeweller.")).toBe(true);
  });

  it("an item without an action is met by its things, and a negated act still is not", async () => {
    expect(itemAction("the flood of the lower shelves")).toBeNull();
    expect(await met("a storm over the harbour", "By noon a storm had come up over the harbour.")).toBe(true);
    expect(await met("Anna finds the letter in the piano", "Anna searched the piano but never found the letter.")).not.toBe(true);
  });

  it("knows the forms of the action", () => {
    expect([...(itemAction("Mara swims across the bay") ?? [])]).toEqual(expect.arrayContaining(["swim", "swam", "swum"]));
  });
});
