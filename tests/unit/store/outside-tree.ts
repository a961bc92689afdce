import { createHash } from "node:crypto";
import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";

/**
 * Every entry under `dir` (files by content hash, links by target, folders by name), so a test
 * can show that nothing outside a project was created, changed, moved or removed.
 */
export async function treeDigest(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (sub: string): Promise<void> => {
    const names = await readdir(join(dir, sub)).catch(() => [] as string[]);
    for (const name of names.sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      const st = await lstat(join(dir, rel));
      if (st.isSymbolicLink()) out[rel] = `link → ${await readlink(join(dir, rel))}`;
      else if (st.isDirectory()) {
        out[rel] = "folder";
        await walk(rel);
      } else out[rel] = createHash("sha256").update(await readFile(join(dir, rel))).digest("hex");
    }
  };
  await walk("");
  return out;
}
