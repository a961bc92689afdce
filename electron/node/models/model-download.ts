/**
 * Downloads a model file into the app's data folder: checks free disk space first, resumes
 * interrupted transfers with HTTP Range (also automatically when a connection drops), reports
 * progress with speed and ETA, can be paused (partial file kept) or cancelled (partial file
 * deleted), and verifies sha256 before the file gets its final name. A file with the wrong
 * hash is deleted, never listed.
 */
import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, rename, rm, stat, statfs } from "node:fs/promises";
import { join } from "node:path";
import { dropped, refusedByServer, unreachable } from "./download-failure";
import { FileLock } from "../store/file-lock";

export type DownloadErrorCode = "http" | "network" | "no-space" | "hash-mismatch" | "size-mismatch" | "paused" | "cancelled" | "busy";

export class DownloadError extends Error {
  constructor(
    readonly code: DownloadErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "DownloadError";
  }
}

export interface DownloadProgress {
  receivedBytes: number;
  totalBytes: number | null;
  bytesPerSecond: number;
  /** Seconds left at the current speed; null while unknown. */
  etaSeconds: number | null;
}

export interface DownloadOptions {
  url: string;
  /** Folder in the app's data directory (never inside the app). */
  destDir: string;
  fileName: string;
  /** Lowercase hex; when given, the file is only kept if it matches. */
  sha256?: string;
  /** Exact expected size in bytes: checked before any byte is fetched, and verified at the end. */
  size?: number;
  /** Approximate size, for the disk-space check only (when the exact size is not published). */
  approxSize?: number;
  onProgress?: (p: DownloadProgress) => void;
  /** Free bytes on the volume holding `dir` (injectable for tests). */
  freeSpace?: (dir: string) => Promise<number>;
  /** How many times a dropped connection is resumed automatically. */
  retries?: number;
  fetchImpl?: typeof fetch;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  sha256: string;
  /** How many times the transfer resumed from a partial file. */
  resumes: number;
}

export async function diskFreeBytes(dir: string): Promise<number> {
  const s = await statfs(dir);
  return Number(s.bavail) * Number(s.bsize);
}

/** Spare room kept on the disk so the writer's system does not run full. */
const DISK_MARGIN = 256 * 1024 * 1024;
const DOWNLOAD_PURPOSE = "downloading a model";

export class ModelDownload {
  private controller: AbortController | null = null;
  private stopAs: "paused" | "cancelled" | null = null;
  readonly partPath: string;
  readonly finalPath: string;

  constructor(private readonly opts: DownloadOptions) {
    this.partPath = join(opts.destDir, `${opts.fileName}.part`);
    this.finalPath = join(opts.destDir, opts.fileName);
  }

  /** Keeps the partial file; start() again continues where it stopped. */
  pause(): void {
    this.stopAs = "paused";
    this.controller?.abort();
  }

  /** Stops and deletes the partial file (not one another process is downloading into). */
  cancel(): void {
    this.stopAs = "cancelled";
    this.controller?.abort();
    if (!this.controller) {
      void FileLock.tryAcquire(this.lockPath, DOWNLOAD_PURPOSE)
        .then(async (lock) => {
          if (!lock) return;
          await rm(this.partPath, { force: true });
          await lock.release();
        })
        .catch(() => undefined);
    }
  }

  /** `<file>.part.lock`: the desktop app and browser mode share the models folder, and only one may write a partial file. */
  get lockPath(): string {
    return `${this.partPath}.lock`;
  }

  async start(): Promise<DownloadResult> {
    this.stopAs = null;
    await mkdir(this.opts.destDir, { recursive: true });
    const lock = await FileLock.tryAcquire(this.lockPath, DOWNLOAD_PURPOSE);
    if (!lock) {
      const holder = await FileLock.holderOf(this.lockPath);
      throw new DownloadError(
        "busy",
        `${this.opts.fileName} is already being downloaded by another Quire window or process${holder ? ` (process ${holder.pid}, since ${holder.startedAt})` : ""}; wait for it to finish there`,
      );
    }
    try {
      return await this.startLocked();
    } finally {
      await lock.release();
    }
  }

  private async startLocked(): Promise<DownloadResult> {
    const { size } = this.opts;
    const have = await fileSize(this.partPath);
    const expected = size ?? this.opts.approxSize;
    if (expected !== undefined) await this.checkSpace(Math.max(0, expected - have));
    const retries = this.opts.retries ?? 3;
    let resumes = have > 0 ? 1 : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.transfer();
        break;
      } catch (err) {
        if (this.stopAs === "cancelled") {
          await rm(this.partPath, { force: true });
          throw new DownloadError("cancelled", `download of ${this.opts.fileName} cancelled`);
        }
        if (this.stopAs === "paused") throw new DownloadError("paused", `download of ${this.opts.fileName} paused`);
        const retryable = err instanceof DownloadError ? err.code === "network" : true;
        if (!retryable || attempt >= retries) throw err instanceof DownloadError ? err : new DownloadError("network", unreachable(hostOf(this.opts.url), err));
        resumes++;
      }
    }
    return this.verify(resumes);
  }

  private async checkSpace(needed: number): Promise<void> {
    const free = await (this.opts.freeSpace ?? diskFreeBytes)(this.opts.destDir);
    if (needed + DISK_MARGIN > free) {
      throw new DownloadError(
        "no-space",
        `not enough disk space for ${this.opts.fileName}: needs ${gb(needed)} plus ${gb(DISK_MARGIN)} spare, ${gb(free)} free in ${this.opts.destDir}`,
      );
    }
  }

  /** One HTTP request, appending to the partial file from where it ends. */
  private async transfer(): Promise<void> {
    const offset = await fileSize(this.partPath);
    this.controller = new AbortController();
    const headers: Record<string, string> = offset > 0 ? { Range: `bytes=${offset}-` } : {};
    let res: Response;
    try {
      res = await (this.opts.fetchImpl ?? fetch)(this.opts.url, { headers, signal: this.controller.signal, redirect: "follow" });
    } catch (err) {
      throw new DownloadError("network", unreachable(hostOf(this.opts.url), err));
    }
    if (res.status === 416 && offset > 0) return; // the partial file is already complete
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      throw new DownloadError("http", refusedByServer(hostOf(this.opts.url), res.status), res.status);
    }
    // A server that ignores Range sends the whole file again: start over.
    const append = res.status === 206 && offset > 0;
    const length = Number(res.headers.get("content-length") ?? NaN);
    const total = Number.isFinite(length) ? (append ? offset : 0) + length : (this.opts.size ?? null);
    if (this.opts.size === undefined && Number.isFinite(length)) await this.checkSpace(length);
    const out = createWriteStream(this.partPath, { flags: append ? "a" : "w" });
    let received = append ? offset : 0;
    const meter = new SpeedMeter();
    try {
      if (!res.body) throw new DownloadError("network", `${this.opts.fileName}: empty response`);
      const reader = res.body.getReader();
      for (;;) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (err) {
          throw new DownloadError("network", dropped(hostOf(this.opts.url), received));
        }
        if (chunk.done) break;
        await write(out, chunk.value);
        received += chunk.value.length;
        const speed = meter.add(chunk.value.length);
        this.opts.onProgress?.({
          receivedBytes: received,
          totalBytes: total,
          bytesPerSecond: speed,
          etaSeconds: total !== null && speed > 0 ? (total - received) / speed : null,
        });
      }
    } finally {
      await new Promise<void>((r) => out.end(() => r()));
      this.controller = null;
    }
    if (total !== null && received < total) throw new DownloadError("network", dropped(hostOf(this.opts.url), received));
  }

  private async verify(resumes: number): Promise<DownloadResult> {
    const bytes = await fileSize(this.partPath);
    if (this.opts.size !== undefined && bytes !== this.opts.size) {
      await rm(this.partPath, { force: true });
      throw new DownloadError("size-mismatch", `${this.opts.fileName}: expected ${this.opts.size} bytes, got ${bytes}; the file was deleted`);
    }
    const sha256 = await sha256File(this.partPath);
    if (this.opts.sha256 && sha256 !== this.opts.sha256.toLowerCase()) {
      await rm(this.partPath, { force: true });
      throw new DownloadError("hash-mismatch", `${this.opts.fileName}: sha256 ${sha256} does not match the published ${this.opts.sha256}; the file was deleted`);
    }
    await rename(this.partPath, this.finalPath);
    return { path: this.finalPath, bytes, sha256, resumes };
  }
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Bytes per second over the last few seconds, so a stall shows up quickly. */
class SpeedMeter {
  private samples: { t: number; n: number }[] = [];
  add(n: number): number {
    const now = performance.now();
    this.samples.push({ t: now, n });
    while (this.samples.length > 1 && now - this.samples[0]!.t > 3000) this.samples.shift();
    const span = Math.max(now - this.samples[0]!.t, 50) / 1000;
    return this.samples.reduce((s, x) => s + x.n, 0) / span;
  }
}

function write(out: WriteStream, chunk: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => out.write(chunk, (err) => (err ? reject(err) : resolve())));
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

const gb = (n: number) => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${Math.ceil(n / 1024 ** 2)} MB`);
const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};
