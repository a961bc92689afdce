import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useBackend } from "./backend-harness";
import { writeNewProject } from "../../../electron/node/store/project-files";
import { unwrapReply } from "../../../electron/shared/contract/client";
import { countWordsInMarkdown } from "../../../electron/shared/markdown/plain-text";
import { generateBook } from "../../fixtures/manuscripts/generate-book";

/**
 * Opening a project answers with its units at once; the words per unit (counting parses each
 * unit's Markdown, a while for a book) come from projects.wordCounts, which lets the open unit's
 * text through while it counts, and counts a text again only when it changed.
 */
const env = useBackend("word-counts");

async function call(method: string, payload: unknown): Promise<any> {
  return unwrapReply(await env.backend.dispatcher.dispatch(method, payload));
}


async function openBook(chapters: number, totalWords: number) {
  const book = generateBook({ chapters, totalWords, title: "Counted" });
  const dir = join(env.root, "projects", "Counted.quire");
  await writeNewProject(dir, book);
  const handle = env.backend.registry.register(dir);
  const state = await call("projects.open", { handle });
  return { handle, state, book };
}

describe("word counts apart from projects.open", () => {
  it("opens without counting, then counts every unit as the editor does (markup is no word)", async () => {
    const { handle, state } = await openBook(6, 3000);
    expect(state).not.toHaveProperty("words");
    const { words } = await call("projects.wordCounts", { handle });
    expect(Object.keys(words).sort()).toEqual(state.units.map((u: { id: string }) => u.id).sort());
    for (const u of state.units) {
      const { body } = await call("units.read", { handle, id: u.id });
      expect(words[u.id]).toBe(countWordsInMarkdown(body));
    }
    expect(Object.values<number>(words).reduce((a, n) => a + n, 0)).toBeGreaterThan(2500);
  });

  it("answers the open unit's text while it counts the rest of the book", async () => {
    const { handle, state } = await openBook(12, 24_000);
    const order: string[] = [];
    const counting = call("projects.wordCounts", { handle }).then(() => order.push("counts"));
    const reading = call("units.read", { handle, id: state.units[0].id }).then(() => order.push("text"));
    await Promise.all([counting, reading]);
    expect(order).toEqual(["text", "counts"]);
  });

  it("counts a saved text again, and the same text once", async () => {
    const { handle, state } = await openBook(3, 900);
    const id = state.units[1].id;
    const before = (await call("projects.wordCounts", { handle })).words;
    const { version } = await call("units.read", { handle, id });
    await call("units.save", { handle, id, body: "Three *short* words.", baseVersion: version, writerWordsDelta: 0 });
    const after = (await call("projects.wordCounts", { handle })).words;
    expect(after[id]).toBe(3);
    expect(after[state.units[0].id]).toBe(before[state.units[0].id]);
    // the counter is part of the count: characters, once the writer asks for them
    await call("projects.updateMeta", { handle, patch: { settings: { counter: "characters", theme: "system" } } });
    expect((await call("projects.wordCounts", { handle })).words[id]).toBe("Threeshortwords".length);
  });
});
