/** How a writer reaches the studio's secondary actions, for e2e tests: the command palette and the top bar's menu. */
import type { Page } from "playwright-core";

/** Opens the command palette (Ctrl+P), finds the command by name and runs it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("Control+p");
  const palette = page.getByTestId("command-palette");
  await palette.getByRole("combobox").fill(title);
  await palette.getByRole("option", { name: new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`) }).first().click();
  await palette.waitFor({ state: "detached" });
}

/** Picks an item from the top bar's "More" menu. */
export async function menuItem(page: Page, name: string): Promise<void> {
  await page.getByRole("banner").getByRole("button", { name: "More" }).click();
  const menu = page.getByRole("menu", { name: "More" });
  await menu.getByRole("menuitem", { name }).or(menu.getByRole("menuitemcheckbox", { name })).click();
}

/** Creates another project from inside a book, through the Projects dialog, and waits until it is the one open. */
export async function createAnotherProject(page: Page, title: string, levels = "Chapter"): Promise<void> {
  await runCommand(page, "Projects");
  const projects = page.getByRole("dialog", { name: "Projects" });
  await projects.getByLabel("Title").first().fill(title);
  await projects.getByLabel(/Unit levels/).first().fill(levels);
  await projects.getByRole("button", { name: "Create project" }).click();
  await page.locator(".project-title").filter({ hasText: title }).waitFor();
}
