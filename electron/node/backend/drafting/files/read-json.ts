/** One JSON file of the studio's, read through its schema: null when absent, a DataError naming the file otherwise. */
import { readFile } from "node:fs/promises";
import { DataError, parseJsonText } from "../../../../engine/index";

export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new DataError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return parseJsonText(text, file);
}

export const jsonText = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;
