// npm's allowScripts keeps Electron's own install script from running (it downloads a binary,
// which fails where there is no internet). Fetch the binary here instead, only where wanted and
// possible: `ELECTRON_SKIP_BINARY_DOWNLOAD=1` (CI, tests, browser mode) skips it, and a failed
// download is a warning, not a broken install. `npm start` explains how to get it later.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) process.exit(0);
const require = createRequire(import.meta.url);
let dir;
try {
  dir = dirname(require.resolve("electron/package.json"));
} catch {
  process.exit(0); // production install without devDependencies
}
if (existsSync(join(dir, "path.txt"))) process.exit(0);
const r = spawnSync(process.execPath, [join(dir, "install.js")], { stdio: "inherit", timeout: 300_000 });
if (r.status !== 0) {
  console.warn("quire: the Electron binary could not be downloaded now. Browser mode (`npm run serve`) works without it;");
  console.warn("quire: run `node node_modules/electron/install.js` when online to use the desktop app.");
}
