/**
 * Getting around the studio as a writer does in their first hour, in Chromium against browser
 * mode: a binder that builds the tree the project's levels describe (add beside, add inside,
 * fold, drag with a drop indicator, a trash to restore from), the keyboard between binder and
 * page, the caret and scroll put back per unit (after a reload too), buttons that are one of a
 * kind on every screen, and the project list from inside a book.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStudio, type StudioSession } from "./harness/studio-session";

let studio: StudioSession;
let page: Page;

const tree = () => page.getByRole("tree", { name: "Binder" });
const treeItem = (title: string) => tree().getByRole("treeitem", { name: title, exact: true });
const rows = () =>
  tree()
    .getByRole("treeitem")
    .evaluateAll((els) => els.map((e) => `${e.getAttribute("aria-level")}:${e.querySelector(".unit-title")?.textContent}`));
const editor = () => page.locator(".manuscript");
const active = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return { role: el?.getAttribute("role") ?? el?.tagName.toLowerCase() ?? "", text: (el as HTMLElement | null)?.innerText?.slice(0, 60) ?? "", manuscript: !!el?.closest(".manuscript") };
  });

/** The selected row becomes a rename field (F2) and takes the title, as the writer types it. */
async function renameSelected(title: string) {
  const selected = tree().locator('[role="treeitem"][aria-selected="true"]');
  await selected.filter({ hasText: /^New / }).waitFor();
  await selected.focus();
  await page.keyboard.press("F2");
  const input = page.getByRole("textbox", { name: "Rename" });
  await input.fill(title);
  await input.press("Enter");
  await treeItem(title).waitFor();
}

async function add(button: string | RegExp, title: string) {
  await page.getByRole("navigation", { name: "Binder" }).getByRole("button", { name: button, exact: typeof button === "string" }).click();
  await renameSelected(title);
}

async function openUnit(title: string) {
  const item = treeItem(title);
  await item.click();
  const id = await item.getAttribute("data-unit-id");
  await page.locator(`.manuscript[data-unit-id="${id}"]:not([aria-busy])`).waitFor();
}

beforeAll(async () => {
  studio = await startStudio("around");
  page = studio.page;
  await page.goto(studio.server.url);
  await page.getByLabel("Title").fill("Harbour Lights");
  await page.getByLabel(/Unit levels/).fill("Part, Chapter, Scene");
  await page.getByRole("button", { name: "Create project" }).click();
  await tree().waitFor({ state: "attached" });
});

afterAll(() => studio?.close());

describe("getting around the studio", () => {
  it("adds beside and inside, within the project's levels: no scene inside a scene", async () => {
    await add("Add Part", "Part One");
    await add("Add Chapter inside", "Chapter One");
    await add("Add Scene inside", "Scene A");
    // a scene holds nothing in this project: no "inside" button, only a scene beside it
    const binder = page.getByRole("navigation", { name: "Binder" });
    expect(await binder.getByRole("button", { name: /inside$/ }).count()).toBe(0);
    await add("Add Scene", "Scene B");
    // the keyboard adds beside too (not Ctrl+Shift+N, which Chromium keeps for itself)
    await treeItem("Scene B").focus();
    await page.keyboard.press("Control+Shift+Enter");
    await renameSelected("Scene C");
    expect(await rows()).toEqual(["1:Part One", "2:Chapter One", "3:Scene A", "3:Scene B", "3:Scene C"]);

    // moving a scene into the scene before it is refused, in words, and nothing moves
    await treeItem("Scene C").focus();
    await page.keyboard.press("Alt+ArrowRight");
    await expect.poll(() => page.getByRole("alert").last().innerText()).toMatch(/“Scene C” cannot go inside “Scene B”: a Scene holds no further level in this project \(Part › Chapter › Scene\)/);
    expect(await rows()).toEqual(["1:Part One", "2:Chapter One", "3:Scene A", "3:Scene B", "3:Scene C"]);
    await page.getByRole("button", { name: "Dismiss" }).last().click();
  });

  it("folds with disclosure triangles, and long titles take one line with the whole title on hover", async () => {
    const part = treeItem("Part One");
    await part.locator(".twisty").click();
    expect(await part.getAttribute("aria-expanded")).toBe("false");
    expect(await rows()).toEqual(["1:Part One"]);
    await part.locator(".twisty").click();
    expect(await rows()).toHaveLength(5);

    const long = "The night the harbour lights went out and nobody in the village could say who had climbed the tower last";
    await treeItem("Scene A").click();
    await renameSelectedTo(long);
    const row = treeItem(long);
    const title = row.locator(".unit-title");
    expect(await title.getAttribute("title")).toBe(long);
    const [longHeight, shortHeight, overflowing] = await Promise.all([
      row.evaluate((e) => e.getBoundingClientRect().height),
      treeItem("Scene B").evaluate((e) => e.getBoundingClientRect().height),
      title.evaluate((e) => e.scrollWidth > e.clientWidth),
    ]);
    expect(longHeight).toBe(shortHeight);
    expect(overflowing).toBe(true);
    await renameSelectedTo("Scene A");
  });

  it("shows where a dragged unit will land, refuses a drop that breaks the levels, and moves it", async () => {
    await treeItem("Chapter One").click();
    await add("Add Chapter", "Chapter Two");
    // a hand on a mouse never holds still; headless Chromium sends dragover only on a move, so each hover ends on a nudge
    const hover = async (title: string, at: number) => {
      const box = (await treeItem(title).boundingBox())!;
      await page.mouse.move(box.x + 30, box.y + box.height * at, { steps: 5 });
      await page.mouse.move(box.x + 31, box.y + box.height * at);
    };
    const from = (await treeItem("Scene B").boundingBox())!;
    await page.mouse.move(from.x + 20, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + 25, from.y + from.height / 2 + 4, { steps: 3 });
    await hover("Scene A", 0.5);
    await expect.poll(() => treeItem("Scene A").getAttribute("data-drop")).toBe("inside");
    expect(await treeItem("Scene A").getAttribute("class")).toContain("drop-refused");
    // the lower third of a row: a line after it
    await hover("Scene A", 0.9);
    await expect.poll(() => treeItem("Scene A").getAttribute("data-drop")).toBe("after");
    expect((await treeItem("Scene A").getAttribute("class")) ?? "").not.toContain("drop-refused");
    await hover("Chapter Two", 0.5);
    await expect.poll(() => treeItem("Chapter Two").getAttribute("data-drop")).toBe("inside");
    expect((await treeItem("Chapter Two").getAttribute("class")) ?? "").not.toContain("drop-refused");
    expect(await tree().locator("[data-drop]").count()).toBe(1);
    await page.mouse.up();
    await expect.poll(rows).toEqual(["1:Part One", "2:Chapter One", "3:Scene A", "3:Scene C", "2:Chapter Two", "3:Scene B"]);
    expect(await tree().locator("[data-drop]").count()).toBe(0);
  });

  it("brings a unit back from the trash long after its undo toast has gone", async () => {
    await treeItem("Scene C").click();
    await page.getByRole("button", { name: "Move to trash" }).click();
    await expect.poll(rows).not.toContain("3:Scene C");
    await page.getByRole("button", { name: "Dismiss" }).last().click();
    await page.getByRole("button", { name: "Trash", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Trash" });
    await dialog.getByRole("button", { name: "Restore “Scene C”" }).click();
    await expect.poll(rows).toEqual(["1:Part One", "2:Chapter One", "3:Scene A", "3:Scene C", "2:Chapter Two", "3:Scene B"]);
    await expect.poll(() => dialog.innerText()).toContain("The trash is empty.");
    await dialog.getByRole("button", { name: "Close" }).first().click();
  });

  it("reaches the binder with one Tab and moves between binder and page by keyboard alone", async () => {
    await page.reload();
    await tree().waitFor();
    await page.locator("body").focus();
    await page.keyboard.press("Tab");
    expect((await active()).text).toBe("Skip to the binder");
    await page.keyboard.press("Enter");
    expect((await active()).role).toBe("treeitem");
    // to a unit and into its page
    // each key waits for the row it reaches (on a loaded machine a key can come before the last one's focus)
    await page.keyboard.press("Home");
    await expect.poll(async () => (await active()).text).toContain("Part One");
    await page.keyboard.press("ArrowDown");
    await expect.poll(async () => (await active()).text).toContain("Chapter One");
    await page.keyboard.press("ArrowDown");
    await expect.poll(async () => (await active()).text).toContain("Scene A");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await active()).manuscript).toBe(true);
    await page.keyboard.type("Gulls on the breakwater.");
    // back to the binder, down one, into that page, and back and forth
    await page.keyboard.press("Control+Shift+E");
    await expect.poll(async () => (await active()).text).toContain("Scene A");
    await page.keyboard.press("ArrowDown");
    await expect.poll(async () => (await active()).text).toContain("Scene C");
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await active()).manuscript).toBe(true);
    await expect.poll(() => page.getByTestId("unit-heading").innerText()).toBe("Scene C");
    await page.keyboard.type("The ferry was late.");
    await page.keyboard.press("Control+Shift+E");
    await expect.poll(async () => (await active()).role).toBe("treeitem");
    await page.keyboard.press("Control+Shift+E");
    await expect.poll(async () => (await active()).manuscript).toBe(true);
    await expect.poll(() => studio.ws.manuscriptText()).toContain("The ferry was late.");
    expect(studio.ws.manuscriptText()).toContain("Gulls on the breakwater.");
  });

  it("puts the caret and the scroll back where the writer left each unit, after a reload too", async () => {
    await openUnit("Scene B");
    await editor().click();
    const paragraphs = Array.from({ length: 80 }, (_, i) => `Paragraph ${i + 1} of the long night, when the lamp-room stayed dark and the boats felt their way in.`);
    await editor().evaluate((el, text) => {
      const data = new DataTransfer();
      data.setData("text/plain", text);
      el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, paragraphs.join("\n\n"));
    await expect.poll(() => editor().locator("p").count()).toBeGreaterThanOrEqual(80);
    const main = page.locator("main.main");
    await main.evaluate((m) => (m.scrollTop = 1500));
    // a click in a paragraph in the middle of the view puts the caret there
    const target = editor().locator("p", { hasText: /^Paragraph 40 / });
    await target.scrollIntoViewIfNeeded();
    await target.click({ position: { x: 4, y: 4 } });
    const scroll = await main.evaluate((m) => m.scrollTop);
    expect(scroll).toBeGreaterThan(500);

    await openUnit("Scene A");
    expect(await main.evaluate((m) => m.scrollTop)).toBeLessThan(50);
    await openUnit("Scene B");
    await expect.poll(() => main.evaluate((m) => m.scrollTop)).toBeGreaterThan(scroll - 5);
    expect(await main.evaluate((m) => m.scrollTop)).toBeLessThan(scroll + 5);
    await page.getByTestId("save-state").filter({ hasText: /^Saved$/ }).waitFor({ timeout: 15_000 });

    await page.reload();
    await tree().waitFor();
    // the project reopens on the unit last open, at the same place
    await page.locator(".manuscript:not([aria-busy])").filter({ hasText: "Paragraph 80" }).waitFor();
    await expect.poll(() => main.evaluate((m) => m.scrollTop)).toBeGreaterThan(scroll - 60);
    expect(await main.evaluate((m) => m.scrollTop)).toBeLessThan(scroll + 60);
    // the keyboard into the page: the caret is where the click left it, at the start of paragraph 40
    await page.keyboard.press("Control+Shift+E");
    await page.keyboard.press("Control+Shift+E");
    await expect.poll(async () => (await active()).manuscript).toBe(true);
    await page.keyboard.type("§");
    await expect.poll(() => editor().locator("p", { hasText: "§" }).innerText()).toMatch(/^§Paragraph 40 |^P§aragraph 40 /);
    await page.keyboard.press("Backspace");
  });

  it("switches to a unit it already holds at once: the page never turns read-only and its scroll is not read mid-switch", async () => {
    await openUnit("Scene A");
    await openUnit("Scene B");
    await page.getByTestId("save-state").filter({ hasText: /^Saved$/ }).waitFor({ timeout: 15_000 });
    const to = await treeItem("Scene A").getAttribute("data-unit-id");
    // each turn of the page to read-only and back re-lays out the whole chapter; so does reading
    // the scroll position while the switch has changes not yet laid out
    const seen = await page.evaluate(
      (to) =>
        new Promise<{ readOnly: number; scrollReads: number }>((resolve) => {
          const main = document.querySelector<HTMLElement>("main.main")!;
          const manuscript = document.querySelector<HTMLElement>(".manuscript")!;
          const proto = Object.getOwnPropertyDescriptor(Element.prototype, "scrollTop")!;
          const seen = { readOnly: 0, scrollReads: 0 };
          Object.defineProperty(main, "scrollTop", {
            configurable: true,
            get() {
              seen.scrollReads++;
              return proto.get!.call(this);
            },
            set(v: number) {
              proto.set!.call(this, v);
            },
          });
          const observer = new MutationObserver((records) => {
            for (const r of records) if (r.attributeName === "contenteditable" && manuscript.getAttribute("contenteditable") === "false") seen.readOnly++;
            if (manuscript.dataset.unitId !== to) return;
            observer.disconnect();
            delete (main as { scrollTop?: number }).scrollTop;
            resolve(seen);
          });
          observer.observe(manuscript, { attributes: true, attributeFilter: ["contenteditable", "data-unit-id"] });
          document.querySelector<HTMLElement>(`[role="treeitem"][data-unit-id="${to}"]`)!.click();
        }),
      to,
    );
    expect(seen).toEqual({ readOnly: 0, scrollReads: 0 });
    expect(await editor().getAttribute("contenteditable")).toBe("true");
  });

  it("gives every button on every screen a name of its own", async () => {
    const duplicates: string[] = [];
    const check = async (where: string) => {
      const snapshot = await page.locator("body").ariaSnapshot();
      const names = [...snapshot.matchAll(/- button "([^"]*)"/g)].map((m) => m[1]!);
      const seen = new Set<string>();
      for (const n of names) {
        if (seen.has(n)) duplicates.push(`${where}: ${n}`);
        seen.add(n);
      }
      return names;
    };
    // the page with everything it can show beside it: the model's assist bar open
    await openUnit("Scene A");
    await page.getByRole("button", { name: "Ask the model" }).click();
    expect(await check("Write, assist open")).toEqual(expect.arrayContaining(["Write", "Write with the model"]));
    await page.getByRole("button", { name: "Ask the model" }).click();
    const screens = ["Brief", "Plan", "Run", "Review", "Story bible"];
    for (const [i, screen] of screens.entries()) {
      await page.keyboard.press(`Control+${i + 2}`);
      await expect.poll(() => page.getByRole("navigation", { name: "Screens" }).getByRole("button", { name: screen, exact: true }).getAttribute("aria-current")).toBe("page");
      await check(screen);
    }
    await page.keyboard.press("Control+1");
    expect(duplicates).toEqual([]);
  });

  it("opens the project list from inside the book: creates another, imports one, and comes back", async () => {
    await page.getByRole("banner").getByRole("button", { name: "Projects" }).click();
    let dialog = page.getByRole("dialog", { name: "Projects" });
    await expect.poll(() => dialog.getByRole("button", { name: /Harbour Lights/ }).innerText()).toContain("open now");
    await dialog.getByLabel("Title").first().fill("Second Book");
    await dialog.getByRole("button", { name: "Create project" }).click();
    await expect.poll(() => page.locator(".project-title").innerText()).toBe("Second Book");
    expect(await page.getByRole("dialog", { name: "Projects" }).count()).toBe(0);
    expect(await rows()).toEqual([]);

    // an import from inside a book
    await page.getByRole("banner").getByRole("button", { name: "Projects" }).click();
    dialog = page.getByRole("dialog", { name: "Projects" });
    await dialog.locator('input[type="file"]').setInputFiles({ name: "tides.md", mimeType: "text/markdown", buffer: Buffer.from("# Tides\n\nLow water at noon.\n\n# Currents\n\nThe race ran hard.\n") });
    await dialog.getByRole("button", { name: "Create project from this file" }).click();
    await expect.poll(rows).toEqual(["1:Tides", "1:Currents"]);

    await page.getByRole("banner").getByRole("button", { name: "Projects" }).click();
    dialog = page.getByRole("dialog", { name: "Projects" });
    await dialog.getByRole("button", { name: /Harbour Lights/ }).click();
    await expect.poll(() => page.locator(".project-title").innerText()).toBe("Harbour Lights");
    await expect.poll(rows).toContain("3:Scene B");
  });

  it("leaves a notice with the book it was about: another book shows no Undo that would reach back", async () => {
    await treeItem("Scene B").click();
    await page.getByRole("button", { name: "Move to trash" }).click();
    const notice = page.getByText("\"Scene B\" moved to the trash.");
    await notice.waitFor();
    await page.getByRole("banner").getByRole("button", { name: "Projects" }).click();
    await page.getByRole("dialog", { name: "Projects" }).getByRole("button", { name: /Second Book/ }).click();
    await expect.poll(() => page.locator(".project-title").innerText()).toBe("Second Book");
    expect(await notice.count()).toBe(0);
    // the unit waits in its own book's trash
    await page.getByRole("banner").getByRole("button", { name: "Projects" }).click();
    await page.getByRole("dialog", { name: "Projects" }).getByRole("button", { name: /Harbour Lights/ }).click();
    await expect.poll(() => page.locator(".project-title").innerText()).toBe("Harbour Lights");
    await page.getByRole("button", { name: "Trash", exact: true }).click();
    const trash = page.getByRole("dialog", { name: "Trash" });
    await trash.getByRole("button", { name: "Restore “Scene B”" }).click();
    await expect.poll(rows).toContain("3:Scene B");
    await trash.getByRole("button", { name: "Close" }).first().click();
  });
});

/** Renames the row that has focus or selection through F2. */
async function renameSelectedTo(title: string) {
  const selected = tree().locator('[role="treeitem"][aria-selected="true"]');
  await selected.focus();
  await page.keyboard.press("F2");
  const input = page.getByRole("textbox", { name: "Rename" });
  await input.fill(title);
  await input.press("Enter");
  await treeItem(title).waitFor();
}
