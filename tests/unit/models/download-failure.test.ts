import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DownloadError, ModelDownload } from "../../../electron/node/models/model-download";

/** A download that cannot happen says what happened and what to do, in words: never a bare ENOTFOUND. */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "quire-dl-fail-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const plenty = async () => 100 * 1024 ** 3;
/** Node's fetch failing the way it does offline: a TypeError whose cause carries the system code. */
const offline = (code: string): typeof fetch => async () => {
  throw new TypeError("fetch failed", { cause: Object.assign(new Error(`getaddrinfo ${code} huggingface.co`), { code, syscall: "getaddrinfo", hostname: "huggingface.co" }) });
};
const attempt = (opts: Partial<ConstructorParameters<typeof ModelDownload>[0]>) =>
  new ModelDownload({ url: "https://huggingface.co/q/model.gguf", destDir: dir, fileName: "model.gguf", freeSpace: plenty, retries: 0, ...opts })
    .start()
    .then(() => null, (e: unknown) => e as DownloadError);

describe("download failures in words", () => {
  it("no connection: what happened, what to do, no system code", async () => {
    for (const code of ["ENOTFOUND", "EAI_AGAIN"]) {
      const err = await attempt({ fetchImpl: offline(code) });
      expect(err).toBeInstanceOf(DownloadError);
      expect(err!.code).toBe("network");
      expect(err!.message).toMatch(/could not find huggingface\.co: this computer seems to have no internet connection/);
      expect(err!.message).toMatch(/Try again: what was already downloaded is kept\./);
      expect(err!.message).not.toMatch(/ENOTFOUND|EAI_AGAIN|fetch failed|TypeError/);
    }
  });

  it("a refused connection, from a real closed port", async () => {
    // a port that was just free: nothing listens there now
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const err = await attempt({ url: `http://127.0.0.1:${port}/model.gguf` });
    expect(err!.message).toMatch(new RegExp(`^127\\.0\\.0\\.1:${port} refused the connection: the server may be down`));
    expect(err!.message).not.toMatch(/ECONNREFUSED|fetch failed/);
  });

  it("the server's refusals say what they mean", async () => {
    for (const [status, words] of [[404, /no longer has this file \(HTTP 404\)/], [403, /refused access to this file \(HTTP 403\)/], [503, /had a problem of its own \(HTTP 503\)/]] as const) {
      const err = await attempt({ fetchImpl: async () => new Response("no", { status }) });
      expect(err!.code).toBe("http");
      expect(err!.message).toMatch(words);
    }
  });
});
