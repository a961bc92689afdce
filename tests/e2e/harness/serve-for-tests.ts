/**
 * Browser mode for tests: the same backend (createBackend) behind the same server
 * (startBrowserServer) that `quire serve` starts, with the model drafting uses chosen by the test:
 *
 *   node --import tsx tests/e2e/harness/serve-for-tests.ts --data DIR --projects-dir DIR
 *     [--port N] [--project DIR] [--model FILE.gguf] [--omit "words of a required moment"]… [--scripted]
 *
 *   --model      the real runtime (the model host process), as `quire serve --model`
 *   --omit       wraps the model with the fault injector (fault-llm.ts): that required moment
 *                fails its check and its revision carries it
 *   --scripted   the scripted fake model of the unit tests (tests/unit/engine/fake-llm.ts), no runtime
 *   --realistic  the realistic scripted model (tests/fixtures/realistic-model/), which streams as a model does, no runtime
 *   --cue        with --scripted, a misbehaviour of the fake on cue: "Chapter 2:omit" (its Cue, unit:does);
 *                with --realistic, a real model's habit on cue, its Cue as JSON:
 *                '{"unit":"Chapter 3","habit":"plan-contradicting","times":"always"}'
 *   --hold       with --realistic, as JSON '{"unit":"Chapter 1","afterWords":40}': that unit's first drafting
 *                call streams 40 words, then waits until the run is cancelled or paused (a unit visibly being written)
 *   --call-log   appends one JSON line per model call to FILE (which unit a drafting call writes,
 *                read from the prompt as only a test may), so a test can count calls per unit
 *                across restarts of the server
 *
 * Prints "Quire is running at URL" like `quire serve`; stops on SIGTERM or SIGINT.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createBackend } from "../../../electron/node/backend/create-backend";
import type { ModelProvider } from "../../../electron/node/backend/drafting/model-provider";
import type { LlmPort } from "../../../electron/shared/llm/llm-port";
import { startBrowserServer } from "../../../electron/server/browser-server";
import { ensureRendererBuilt } from "../../../electron/server/renderer-build";
import { FakeLlm, type Cue as FakeCue } from "../../unit/engine/fake-llm";
import { RealisticModel, type Cue } from "../../fixtures/realistic-model/realistic-model";
import type { RealisticHold } from "./quire-server";
import { withCallLog } from "./call-log";
import { withFaults } from "./fault-llm";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    "projects-dir": { type: "string" },
    port: { type: "string", default: "0" },
    project: { type: "string" },
    model: { type: "string" },
    omit: { type: "string", multiple: true, default: [] },
    scripted: { type: "boolean", default: false },
    realistic: { type: "boolean", default: false },
    hold: { type: "string", multiple: true, default: [] },
    cue: { type: "string", multiple: true, default: [] },
    "call-log": { type: "string" },
  },
});
if (!values.data || !values["projects-dir"]) throw new Error("--data and --projects-dir are required");

/** The port drafting gets: the test's wrappers around the runtime (or the scripted fake). */
function draftingModel(loaded: ModelProvider): ModelProvider {
  const wrap = (llm: LlmPort): LlmPort => {
    const faulty = withFaults(llm, { omit: values.omit });
    return values["call-log"] ? withCallLog(faulty, values["call-log"]) : faulty;
  };
  if (values.realistic) {
    // cues and holds come as the test wrote them (JSON of the model's own types), not re-spelled
    const model = new RealisticModel({ seed: 1, sequences: 4 }).cue(...values.cue.map((c) => JSON.parse(c) as Cue));
    for (const h of values.hold.map((x) => JSON.parse(x) as RealisticHold)) model.hold(h.unit, { afterWords: h.afterWords });
    return { available: () => true, get: async () => wrap(model), info: () => model.info(), dispose: async () => {} };
  }
  if (values.scripted) {
    const cues = values.cue.map((c) => {
      const at = c.lastIndexOf(":");
      return { unit: c.slice(0, at), does: c.slice(at + 1) as FakeCue["does"] };
    });
    const fake = new FakeLlm({ cues });
    return { available: () => true, get: async () => wrap(fake), info: () => fake.info(), dispose: async () => {} };
  }
  return { available: () => loaded.available(), info: () => loaded.info(), dispose: () => loaded.dispose(), get: async () => wrap(await loaded.get()) };
}

const rendererDir = await ensureRendererBuilt((line) => process.stderr.write(`${line}\n`));
const backend = await createBackend({
  appDataDir: resolve(values.data),
  projectsDir: resolve(values["projects-dir"]),
  shell: "browser",
  startupProject: values.project ? resolve(values.project) : null,
  modelPath: values.model ? resolve(values.model) : null,
  catalogPath: process.env.QUIRE_MODEL_CATALOG ?? fileURLToPath(new URL("../../../models/catalog.json", import.meta.url)),
  draftingModel,
});
const server = await startBrowserServer({ dispatcher: backend.dispatcher, rendererDir, port: Number(values.port) });
process.stdout.write(`Quire is running at ${server.url}\n`);
await new Promise<void>((done) => {
  process.once("SIGINT", done);
  process.once("SIGTERM", done);
});
await server.close();
await backend.close();
