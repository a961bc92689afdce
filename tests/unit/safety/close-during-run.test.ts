/**
 * Closing a project while its run is drafting (issue 16, item 7), through the contract: the run
 * pauses, nothing is written in the project after the close returns (its lock released), and the
 * project, opened again, drafts on: its run resumes and its drafts land.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GenerateRequest, LlmPort } from "../../../electron/shared/llm/llm-port";
import { createBackend, type Backend } from "../../../electron/node/backend/create-backend";
import { ProjectStore } from "../../../electron/node/store/project-store";
import { FakeLlm } from "../engine/fake-llm";
import { harbourForm } from "../drafting/studio-harness";

const form = harbourForm();

/** The scripted model behind a gate: drafting calls wait until the test opens it (or the run aborts them). */
function gated(inner: FakeLlm) {
  let open = false;
  let waiting = 0;
  const waiters = new Set<() => void>();
  const port: LlmPort = {
    info: () => inner.info(),
    countTokens: (t) => inner.countTokens(t),
    leaseSequence: (s) => inner.leaseSequence(s),
    async generate(r: GenerateRequest) {
      if (!open) {
        waiting++;
        // as the port promises: an aborted call resolves, stopped as "cancelled"
        const cancelled = await new Promise<boolean>((resolve) => {
          const go = () => (waiters.delete(go), resolve(false));
          waiters.add(go);
          r.signal?.addEventListener("abort", () => (waiters.delete(go), resolve(true)), { once: true });
        }).finally(() => waiting--);
        if (cancelled) return { text: "", stopReason: "cancelled" as const, promptTokens: 0, completionTokens: 0, millis: 0 };
      }
      return inner.generate(r);
    },
  };
  return { port, waiting: () => waiting, open: () => ((open = true), [...waiters].forEach((w) => w())) };
}

/** Every file under the project with its size and modification time. */
function filesOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = statSync(p);
        out[p.slice(dir.length)] = `${st.size}:${st.mtimeMs}`;
      }
    }
  };
  walk(dir);
  return out;
}

let root: string;
let backend: Backend;
let gate: ReturnType<typeof gated>;

async function call<T = unknown>(method: string, payload: unknown): Promise<T> {
  const reply = (await backend.dispatcher.dispatch(method, payload)) as { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
  if (!reply.ok) throw Object.assign(new Error(`${method}: ${reply.error.message}`), { code: reply.error.code });
  return reply.value;
}

beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), "quire-close-run-"));
  mkdirSync(join(root, "projects"));
  gate = gated(new FakeLlm());
  backend = await createBackend({
    appDataDir: join(root, "data"),
    projectsDir: join(root, "projects"),
    shell: "browser",
    startupProject: null,
    catalogPath: join(import.meta.dirname, "../../../models/catalog.json"),
    draftingModel: () => ({ available: () => true, get: async () => gate.port, info: () => gate.port.info(), dispose: async () => {} }),
  });
});

afterEach(async () => {
  gate.open();
  await backend.close();
  rmSync(root, { recursive: true, force: true });
});

describe("closing a project while its run drafts", () => {
  it("pauses the run, writes nothing after the close, and drafts on once the project is opened again", async () => {
    const store = await ProjectStore.create(join(root, "projects"), { title: "Harbour", language: "en", levels: ["Chapter"] });
    const dir = store.dir;
    await store.close();
    const handle = backend.registry.register(dir);
    await call("projects.open", { handle });
    await call("brief.save", { handle, form });
    await call("plan.build", { handle });
    await call("plan.accept", { handle });
    await call("run.start", { handle });
    await expect.poll(() => gate.waiting()).toBeGreaterThan(0);

    await call("projects.close", { handle });
    const atClose = filesOf(dir);
    expect(Object.keys(atClose).some((f) => f.endsWith("lock"))).toBe(false);
    // the model answers late: the closed project must not hear of it
    gate.open();
    await new Promise((r) => setTimeout(r, 500));
    expect(filesOf(dir)).toEqual(atClose);

    await call("projects.open", { handle });
    expect((await call<{ status: string }>("run.get", { handle }))?.status).toBe("paused");
    await call("run.resume", { handle });
    await expect.poll(async () => (await call<{ status: string }>("run.get", { handle }))?.status, { timeout: 20_000 }).toBe("done");
    await call("projects.open", { handle });
    const words = (await call<{ words: Record<string, number> }>("projects.wordCounts", { handle })).words;
    expect(Object.values(words).filter((n) => n > 0)).toHaveLength(4);
  });
});
