// `npm start`: build with electron-vite and start the desktop app. Where the Electron binary
// is missing (offline install, ELECTRON_SKIP_BINARY_DOWNLOAD), say so and start browser mode instead.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve("electron/package.json"));
const hasBinary = existsSync(join(electronDir, "path.txt"));
const run = (cmd, args) => spawnSync(cmd, args, { stdio: "inherit", shell: process.platform === "win32" }).status ?? 1;

if (!hasBinary) {
  console.warn("quire: the Electron binary is not installed (run `node node_modules/electron/install.js` when online).");
  console.warn("quire: starting browser mode instead.");
  process.exit(run(process.execPath, ["bin/quire.mjs", "serve", ...process.argv.slice(2)]));
}
const built = run("npx", ["electron-vite", "build"]);
if (built !== 0) process.exit(built);
process.exit(run("npx", ["electron", "."]));
