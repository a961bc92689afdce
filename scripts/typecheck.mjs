// Type-checks each layer with its own tsconfig, so a forbidden global (Node in the renderer,
// DOM in the engine) is a compile error in that layer.
import { spawnSync } from "node:child_process";
const layers = ["shared", "engine", "node", "main", "renderer", "tests"];
let failed = false;
for (const layer of layers) {
  const r = spawnSync("npx", ["tsc", "-p", `tsconfig.${layer}.json`], { stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`typecheck failed: ${layer}`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
