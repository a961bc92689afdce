import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { appDataDir, defaultProjectsDir } from "../../node/app-paths";
import { createBackend } from "../../node/backend/create-backend";
import { startBrowserServer } from "../../server/browser-server";
import { ensureRendererBuilt } from "../../server/renderer-build";
import { parseCommandArgs, UsageError, wholeNumber } from "../args";

export const summary = "run the studio in a browser: quire serve [--project DIR] [--port N] [--model FILE]";

export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, {
    project: { type: "string" },
    port: { type: "string" },
    model: { type: "string" },
    data: { type: "string" },
    "projects-dir": { type: "string" },
  });
  const port = wholeNumber("port", values.port, 4817);
  if (port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${values.port}"`);
  const rendererDir = await ensureRendererBuilt((line) => process.stderr.write(`${line}\n`));
  const backend = await createBackend({
    appDataDir: values.data ? resolve(values.data) : appDataDir(),
    projectsDir: values["projects-dir"] ? resolve(values["projects-dir"]) : defaultProjectsDir(),
    shell: "browser",
    startupProject: values.project ? resolve(values.project) : null,
    modelPath: values.model ? resolve(values.model) : null,
    // QUIRE_MODEL_CATALOG points at another catalog (a mirror, or a test's local server)
    catalogPath: process.env.QUIRE_MODEL_CATALOG ?? fileURLToPath(new URL("../../../models/catalog.json", import.meta.url)),
  });
  const server = await startBrowserServer({ dispatcher: backend.dispatcher, rendererDir, port });
  process.stdout.write(`Quire is running at ${server.url}\n`);
  process.stderr.write("Open that address in your browser. Press Ctrl+C to stop.\n");
  // --model FILE: loaded now, while the writer opens the page, not at their first drafting call
  if (values.model) {
    process.stderr.write(`Loading ${values.model}…\n`);
    void backend.loadStartupModel().then((line) => line && process.stderr.write(`${line}\n`));
  }
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await server.close();
  await backend.close();
  return 0;
}
