/**
 * Brings browser mode down while the writer's latest words are only in the journal: the moment
 * crash recovery exists for. Waiting for the journal and then killing the server raced the idle
 * save: the journal is written about a second after typing starts (and the server writes it a
 * second later still), the save comes two seconds after typing stops and removes the entry, so
 * on a quick machine the entry with the words lived a few milliseconds or never reached the disk.
 * Here the writer keeps writing (a word each try, so the save never comes first), and once the
 * journal holds text the unit files do not, the server is frozen (SIGSTOP), the disk checked
 * again while nothing can change it, and the server killed in that state: no save can land
 * between the check and the kill, however loaded the machine.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import type { RunningServer } from "./quire-server";

/** Journal bodies holding `marker` whose text no unit file holds. */
function unsavedBodies(projectDir: string, marker: string): string[] {
  const journalDir = join(projectDir, ".quire", "journal");
  const manuscriptDir = join(projectDir, "manuscript");
  let names: string[];
  try {
    names = readdirSync(journalDir).filter((n) => n.endsWith(".json") && !n.startsWith("."));
  } catch {
    return [];
  }
  const bodies = names.flatMap((n) => {
    try {
      const body = (JSON.parse(readFileSync(join(journalDir, n), "utf8")) as { body?: unknown }).body;
      return typeof body === "string" && body.includes(marker) ? [body.trim()] : [];
    } catch {
      return []; // written while we read: the next try sees it whole
    }
  });
  if (bodies.length === 0) return [];
  const files = readdirSync(manuscriptDir).filter((n) => n.endsWith(".md")).map((n) => readFileSync(join(manuscriptDir, n), "utf8"));
  return bodies.filter((b) => !files.some((f) => f.includes(b)));
}

/**
 * Types `marker` where the caret is, keeps writing until the journal holds it unsaved, and kills
 * the server there (SIGKILL: nothing flushed). Returns the unsaved text the journal held.
 */
export async function crashWithUnsavedText(page: Page, server: RunningServer, projectDir: string, marker: string): Promise<string> {
  await page.keyboard.type(` ${marker}.`);
  let unsaved = "";
  let words = 0;
  await expect
    .poll(
      async () => {
        if (unsavedBodies(projectDir, marker).length > 0) {
          server.proc.kill("SIGSTOP");
          unsaved = unsavedBodies(projectDir, marker)[0] ?? "";
          if (unsaved) return true;
          server.proc.kill("SIGCONT"); // a save landed between the two looks: write on
        }
        await page.keyboard.type(` More ${++words}.`);
        return false;
      },
      { timeout: 20_000, interval: 250 },
    )
    .toBe(true);
  await server.kill();
  return unsaved;
}
