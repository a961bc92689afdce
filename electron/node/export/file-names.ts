import { cutToBytes } from "../store/ids";

/** File names for exported files: readable, portable (Windows too), never empty; cut by bytes, never inside a character. */
export function slugForFile(title: string, fallback = "manuscript"): string {
  const s = title
    .normalize("NFKC")
    .replace(/[\\/:*?"<>|\u0000-\u001F]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[. ]+$/, "");
  return cutToBytes([...s].slice(0, 80).join(""), 180).replace(/[. ]+$/, "") || fallback;
}
