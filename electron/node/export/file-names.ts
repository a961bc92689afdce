/** File names for exported files: readable, portable (Windows too), never empty. */
export function slugForFile(title: string, fallback = "manuscript"): string {
  const s = title
    .normalize("NFKC")
    .replace(/[\\/:*?"<>|\u0000-\u001F]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[. ]+$/, "")
    .slice(0, 80);
  return s || fallback;
}
