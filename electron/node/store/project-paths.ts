/**
 * The one path guard of a project folder. Every file the store reads or writes is reached
 * through here: the relative path is checked to be plain names (no `..`, no separators inside
 * a name, nothing absolute), and every part of it that exists on disk is checked to stay inside
 * the project by real path, so a folder or file that is a symbolic link leading outside (a shared
 * project's `snapshots/ -> ~/Documents`) is refused instead of followed. Links that stay inside
 * the project are followed.
 *
 * The error says which part of the project leads outside and never where to, nor whether the
 * target exists, so a project cannot be used to probe the disk around it.
 *
 * This checks, then the caller opens: a link swapped in between the two is not caught. That
 * needs someone racing on this machine, which a shared folder cannot do by itself.
 */
import { lstat, mkdir, readFile, realpath, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import { ProjectFileError } from "./errors";

/** A path (relative to the project) that leads outside the project folder. */
export class OutsideProjectError extends ProjectFileError {
  constructor(relPath: string) {
    super(relPath, "leads outside the project folder (it is a symbolic link); Quire does not read or write through it");
  }
}

/** A file too large to be one of Quire's files; refused before it is read. */
export class FileTooLargeError extends ProjectFileError {
  constructor(relPath: string, bytes: number, maxBytes: number) {
    super(relPath, `is ${formatBytes(bytes)}, more than the ${formatBytes(maxBytes)} Quire reads for such a file; it was not read`);
  }
}

/** A name that can only ever be one entry of a folder: no separators, not `.` or `..`, no NUL. */
export function isPlainName(name: string): boolean {
  return name.length > 0 && name !== "." && name !== ".." && !/[/\\\0]/.test(name) && Buffer.byteLength(name) <= 255;
}

export class ProjectPaths {
  private constructor(
    /** the project folder as it was given (paths handed out start with it) */
    readonly dir: string,
    /** the same folder by real path, what "inside" is measured against */
    private readonly realDir: string,
  ) {}

  static async of(dir: string): Promise<ProjectPaths> {
    return new ProjectPaths(dir, await realpath(dir));
  }

  /**
   * The absolute path of `relPath` ("snapshots/u1/x.md", forward slashes) after checking that it
   * stays inside the project. Parts that do not exist yet are fine: whoever creates them creates
   * real folders and files inside. Throws OutsideProjectError otherwise.
   */
  async resolve(relPath: string): Promise<string> {
    const parts = relPath === "" ? [] : relPath.split("/");
    if (!parts.every(isPlainName)) throw new OutsideProjectError(relPath);
    let current = this.dir;
    for (const [i, part] of parts.entries()) {
      current = join(current, part);
      let isLink: boolean;
      try {
        isLink = (await lstat(current)).isSymbolicLink();
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "ENOENT" || code === "ENOTDIR") return join(current, ...parts.slice(i + 1));
        throw e;
      }
      // A link that leads nowhere is treated like one that leads outside: the same words either way.
      if (isLink && !this.contains(await realpath(current).catch(() => null))) throw new OutsideProjectError(parts.slice(0, i + 1).join("/"));
    }
    return current;
  }

  /** resolve(), then creates the folder (and the folders above it) if missing. */
  async folder(relPath: string): Promise<string> {
    const path = await this.resolve(relPath);
    await mkdir(path, { recursive: true });
    // mkdir may have met a link made in the meantime: look again now that it all exists
    return this.resolve(relPath);
  }

  /**
   * Reads a file inside the project, refusing one over `maxBytes` before reading it (a shared
   * project's 5 GB "chapter" must not take the studio's memory). ENOENT passes through as is.
   */
  async read(relPath: string, maxBytes: number): Promise<Buffer> {
    const path = await this.resolve(relPath);
    const st = await stat(path);
    if (st.isFile() && st.size > maxBytes) throw new FileTooLargeError(relPath, st.size, maxBytes);
    return readFile(path);
  }

  /** Whether an absolute path (by real path) is the project folder or inside it. */
  private contains(real: string | null): boolean {
    return real !== null && (real === this.realDir || real.startsWith(this.realDir.endsWith(sep) ? this.realDir : this.realDir + sep));
  }
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}
