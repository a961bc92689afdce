import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DownloadError, ModelDownload, type DownloadProgress } from "../../../electron/node/models/model-download";

const FILE = randomBytes(3 * 1024 * 1024 + 123);
const SHA = createHash("sha256").update(FILE).digest("hex");

interface Seen {
  range: string | undefined;
  sent: number;
}
let server: Server;
let base: string;
let seen: Seen[] = [];
/** Close the connection after this many bytes on the next full request. */
let dropAfter: number | null = null;

beforeAll(async () => {
  server = createServer((req, res) => {
    const entry: Seen = { range: req.headers.range, sent: 0 };
    seen.push(entry);
    if (req.url === "/missing.gguf") return void res.writeHead(404).end("not found");
    if (req.url === "/broken.gguf") return void res.writeHead(500).end("oops");
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
    const start = m ? Number(m[1]) : 0;
    if (start >= FILE.length) return void res.writeHead(416).end();
    const body = FILE.subarray(start);
    res.writeHead(m ? 206 : 200, {
      "content-length": body.length,
      ...(m ? { "content-range": `bytes ${start}-${FILE.length - 1}/${FILE.length}` } : {}),
    });
    const limit = dropAfter;
    dropAfter = null;
    if (limit !== null) {
      res.write(body.subarray(0, limit), () => {
        entry.sent += limit;
        // cut the connection mid-file
        setTimeout(() => res.socket?.destroy(), 20);
      });
      return;
    }
    entry.sent += body.length;
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "quire-dl-"));
  seen = [];
  dropAfter = null;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const plenty = async () => 100 * 1024 ** 3;

describe("model download", () => {
  it("downloads, reports progress, and verifies the hash", async () => {
    const progress: DownloadProgress[] = [];
    const r = await new ModelDownload({ url: `${base}/m.gguf`, destDir: dir, fileName: "m.gguf", sha256: SHA, size: FILE.length, freeSpace: plenty, onProgress: (p) => progress.push(p) }).start();
    expect(r.sha256).toBe(SHA);
    expect(readFileSync(r.path).equals(FILE)).toBe(true);
    expect(progress.at(-1)!.receivedBytes).toBe(FILE.length);
    expect(progress.at(-1)!.totalBytes).toBe(FILE.length);
    expect(progress.some((p) => p.bytesPerSecond > 0 && p.etaSeconds !== null)).toBe(true);
    expect(readdirSync(dir)).toEqual(["m.gguf"]);
  });

  it("resumes with a Range request when the connection drops mid-file", async () => {
    dropAfter = 1024 * 1024;
    const r = await new ModelDownload({ url: `${base}/m.gguf`, destDir: dir, fileName: "m.gguf", sha256: SHA, size: FILE.length, freeSpace: plenty }).start();
    expect(readFileSync(r.path).equals(FILE)).toBe(true);
    expect(r.resumes).toBeGreaterThanOrEqual(1);
    const ranged = seen.filter((s) => s.range);
    expect(ranged.length).toBeGreaterThanOrEqual(1);
    const offset = Number(/bytes=(\d+)-/.exec(ranged[0]!.range!)![1]);
    expect(offset).toBeGreaterThan(0);
    const sent = seen.reduce((s, x) => s + x.sent, 0);
    expect(sent).toBeLessThan(1.2 * FILE.length);
  });

  it("pause keeps the partial file and start() continues from it", async () => {
    let dl!: ModelDownload;
    let paused = false;
    dl = new ModelDownload({
      url: `${base}/m.gguf`, destDir: dir, fileName: "m.gguf", sha256: SHA, size: FILE.length, freeSpace: plenty,
      onProgress: (p) => {
        if (!paused && p.receivedBytes > 256 * 1024) {
          paused = true;
          dl.pause();
        }
      },
    });
    await expect(dl.start()).rejects.toMatchObject({ code: "paused" });
    expect(existsSync(dl.partPath)).toBe(true);
    const r = await dl.start();
    expect(readFileSync(r.path).equals(FILE)).toBe(true);
    expect(seen.at(-1)!.range).toMatch(/^bytes=\d+-$/);
  });

  it("cancel deletes the partial file", async () => {
    let dl!: ModelDownload;
    dl = new ModelDownload({ url: `${base}/m.gguf`, destDir: dir, fileName: "m.gguf", freeSpace: plenty, onProgress: () => dl.cancel() });
    await expect(dl.start()).rejects.toMatchObject({ code: "cancelled" });
    expect(readdirSync(dir)).toEqual([]);
  });

  it("reports 404 and 500", async () => {
    for (const [name, status] of [["missing.gguf", 404], ["broken.gguf", 500]] as const) {
      const err = await new ModelDownload({ url: `${base}/${name}`, destDir: dir, fileName: name, freeSpace: plenty }).start().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DownloadError);
      expect((err as DownloadError).code).toBe("http");
      expect((err as DownloadError).status).toBe(status);
      expect((err as DownloadError).message).toContain(String(status));
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a wrong sha256 deletes the file and leaves nothing to list", async () => {
    const err = await new ModelDownload({ url: `${base}/m.gguf`, destDir: dir, fileName: "m.gguf", sha256: "0".repeat(64), freeSpace: plenty }).start().catch((e: unknown) => e);
    expect((err as DownloadError).code).toBe("hash-mismatch");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a full disk is refused before any byte is fetched", async () => {
    const err = await new ModelDownload({ url: `${base}/m.gguf`, destDir: dir, fileName: "m.gguf", size: FILE.length, freeSpace: async () => 1024 * 1024 }).start().catch((e: unknown) => e);
    expect((err as DownloadError).code).toBe("no-space");
    expect((err as DownloadError).message).toMatch(/not enough disk space for m\.gguf/);
    expect(seen).toEqual([]);
  });

  it("an already complete partial file is verified without downloading again", async () => {
    writeFileSync(join(dir, "m.gguf.part"), FILE);
    const r = await new ModelDownload({ url: `${base}/m.gguf`, destDir: dir, fileName: "m.gguf", sha256: SHA, size: FILE.length, freeSpace: plenty }).start();
    expect(r.bytes).toBe(FILE.length);
    expect(seen.reduce((s, x) => s + x.sent, 0)).toBe(0);
  });
});
