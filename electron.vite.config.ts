import react from "@vitejs/plugin-react";
import { resolve } from "node:path";
import { defineConfig } from "electron-vite";

export default defineConfig({
  main: {
    build: {
      outDir: "out/main",
      rollupOptions: {
        input: {
          index: resolve("electron/main/index.ts"),
          "model-host": resolve("electron/node/llm/host/model-host.ts"),
          // heavy parsing runs in worker threads (electron/node/worker/run-heavy.ts finds it beside main)
          "heavy-worker": resolve("electron/node/worker/heavy-worker.ts"),
        },
        // native addon with per-platform binaries: never bundled, unpacked from the asar by electron-builder
        external: ["node-llama-cpp"],
      },
    },
  },
  preload: {
    build: {
      outDir: "out/preload",
      rollupOptions: {
        input: { index: resolve("electron/preload/index.ts") },
        // a sandboxed preload cannot be an ES module
        output: { format: "cjs", entryFileNames: "[name].cjs" },
      },
    },
  },
  renderer: {
    root: "renderer",
    plugins: [react()],
    build: { outDir: "out/renderer", minify: true, rollupOptions: { input: resolve("renderer/index.html") } },
  },
});
