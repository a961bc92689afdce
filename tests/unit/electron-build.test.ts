import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The desktop app cannot be started here (no Electron binary), but its build can be checked:
 * a sandboxed preload must be CommonJS, and main must find the preload and renderer it loads.
 */
const root = join(import.meta.dirname, "../..");

describe("electron-vite build", () => {
  it("builds main, a CommonJS preload and the renderer", { timeout: 180_000 }, () => {
    execFileSync(process.execPath, [join(root, "node_modules/electron-vite/bin/electron-vite.js"), "build"], {
      cwd: root,
      stdio: "pipe",
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: "1" },
    });
    const preload = readFileSync(join(root, "out/preload/index.cjs"), "utf8");
    expect(preload).toMatch(/require\("electron"\)/);
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload).toContain("exposeInMainWorld");
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);

    const main = readFileSync(join(root, "out/main/index.js"), "utf8");
    expect(main).toContain("../preload/index.cjs");
    expect(main).toContain("contextIsolation: true");
    expect(main).toContain("sandbox: true");
    expect(main).not.toMatch(/from "node-llama-cpp"/);
    const host = readFileSync(join(root, "out/main/model-host.js"), "utf8");
    expect(host).toMatch(/from "node-llama-cpp"/); // external: loaded from the unpacked node_modules
    // heavy parsing's worker thread is built beside main, where run-heavy (in main or a chunk) looks for it
    expect(readFileSync(join(root, "out/main/heavy-worker.js"), "utf8")).toContain("import.preview");
    const built = [join(root, "out/main/index.js"), ...readdirSync(join(root, "out/main/chunks")).map((n) => join(root, "out/main/chunks", n))];
    const finder = built.find((f) => readFileSync(f, "utf8").includes("heavy-worker.js"));
    expect(finder).toBeDefined();
    expect(["heavy-worker.js", "../heavy-worker.js"].some((rel) => existsSync(join(dirname(finder!), rel)))).toBe(true);

    const html = readFileSync(join(root, "out/renderer/index.html"), "utf8");
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain("script-src 'self'");
  });
});
