import type { Page } from "playwright-core";
import { launchBrowser } from "./browser";
import { startTestServer, type RealisticSetup, type RunningServer } from "./quire-server";
import { makeWorkspace } from "./workspace";

export interface StudioSession {
  ws: ReturnType<typeof makeWorkspace>;
  server: RunningServer;
  browser: Awaited<ReturnType<typeof launchBrowser>>;
  page: Page;
  close(): Promise<void>;
}

/**
 * A workspace, browser mode on it (through the test entry: the backend and server of `quire
 * serve`, with the model the test names), and a fresh Chromium page: the setup most e2e suites share.
 */
export async function startStudio(
  name: string,
  opts: { model?: string; omit?: string[]; scripted?: boolean; realistic?: boolean | RealisticSetup; cues?: string[]; env?: Record<string, string>; beforeServe?: (ws: ReturnType<typeof makeWorkspace>) => Promise<void> } = {},
): Promise<StudioSession> {
  const ws = makeWorkspace(name);
  await opts.beforeServe?.(ws);
  const server = await startTestServer({ dataDir: ws.dataDir, projectsDir: ws.projectsDir, model: opts.model, omit: opts.omit, scripted: opts.scripted, realistic: opts.realistic, cues: opts.cues, env: opts.env });
  const browser = await launchBrowser();
  const page = await browser.context.newPage();
  const session: StudioSession = {
    ws,
    server,
    browser,
    page,
    close: async () => {
      await browser.close();
      await session.server.stop();
      ws.cleanup();
    },
  };
  return session;
}
