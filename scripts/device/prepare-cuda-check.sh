#!/usr/bin/env bash
# Builds .device/ (ignored through .git/info/exclude), the one folder that cuda-check.sh needs
# on a machine with no Node.js, no npm and no network:
#   .device/node.xz          this machine's node binary, xz-compressed
#   .device/payload.tar.xz   js/ (the check and Quire's model host, bundled with esbuild),
#                            node_modules/ (node-llama-cpp without its prebuilt binaries and
#                            without gitRelease.bundle, its runtime dependencies, node-api-headers),
#                            node-llama-cpp/llama/llama.cpp/ (the bundled llama.cpp release,
#                            node-llama-cpp's patches applied, only what the addon build reads)
#
#   bash scripts/device/prepare-cuda-check.sh [--from-worktree]
#
# The bundle is made from the committed tree (HEAD) with scripts/device/ from the working tree,
# so other people's uncommitted edits never travel; --from-worktree bundles the working tree.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
FROM=head
[ "${1:-}" = "--from-worktree" ] && FROM=worktree
DEV="$ROOT/.device"
NM="$ROOT/node_modules"
NLC="$NM/node-llama-cpp"
for need in "$NLC/package.json" "$NLC/llama/gitRelease.bundle" "$NM/.bin/esbuild" "$NM/node-api-headers/package.json"; do
  [ -e "$need" ] || { echo "prepare: missing $need (run npm ci first)" >&2; exit 1; }
done
command -v git >/dev/null && command -v xz >/dev/null || { echo "prepare: needs git and xz" >&2; exit 1; }

exclude=$(git rev-parse --git-path info/exclude)
mkdir -p "$(dirname "$exclude")"
grep -qxF '/.device/' "$exclude" 2>/dev/null || echo '/.device/' >>"$exclude"

STAGE=$(mktemp -d /tmp/quire-device-stage.XXXXXX)
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/pkg"
mkdir -p "$PKG/js" "$PKG/node_modules" "$DEV"

# 1. The check and the model host, bundled (node-llama-cpp stays a real package: it locates its
#    binaries and test-loads them relative to its own files).
if [ "$FROM" = head ]; then
  SRC="$STAGE/src"
  mkdir -p "$SRC"
  git archive HEAD | tar -x -C "$SRC"
  rm -rf "$SRC/scripts/device"
  cp -r "$ROOT/scripts/device" "$SRC/scripts/device"
  ln -s "$NM" "$SRC/node_modules"
  REV="$(git rev-parse HEAD) + working-tree scripts/device"
else
  SRC="$ROOT"
  REV="$(git rev-parse HEAD) + working tree"
fi
# CommonJS dependencies inside an ESM bundle call require() for Node built-ins: give them one.
"$NM/.bin/esbuild" "$SRC/scripts/device/cuda-check.ts" "$SRC/electron/node/llm/host/model-host.ts" \
  --bundle --platform=node --format=esm --target=node20 --entry-names='[name]' --outdir="$PKG/js" \
  --external:node-llama-cpp --log-level=warning \
  --banner:js="import { createRequire as __quireCreateRequire } from 'node:module'; const require = __quireCreateRequire(import.meta.url);"
echo '{ "type": "module" }' >"$PKG/js/package.json"

# 2. node-llama-cpp and everything it imports at run time (its prebuilt @node-llama-cpp/* binary
#    packages left out), plus the Node-API headers cmake-js would pass to the addon build.
node --input-type=module - "$ROOT" node-llama-cpp node-api-headers >"$STAGE/closure.txt" <<'EOF'
import { readFileSync, existsSync, realpathSync } from "node:fs";
import { dirname, join, relative } from "node:path";
const [root, ...names] = process.argv.slice(2);
const pkgDir = (name, from) => {
  for (let d = from; ; d = dirname(d)) {
    if (existsSync(join(d, "node_modules", name, "package.json"))) return join(d, "node_modules", name);
    if (dirname(d) === d) return null;
  }
};
const seen = new Map();
const walk = (dir) => {
  const real = realpathSync(dir);
  if (seen.has(real)) return;
  seen.set(real, dir);
  const pj = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  for (const [name, optional] of [...Object.keys(pj.dependencies ?? {}).map((n) => [n, false]), ...Object.keys(pj.optionalDependencies ?? {}).map((n) => [n, true])]) {
    if (name.startsWith("@node-llama-cpp/")) continue;
    const d = pkgDir(name, dir);
    if (d) walk(d);
    else if (!optional) throw new Error(`${name} (needed by ${pj.name}) is not installed`);
  }
};
for (const n of names) walk(pkgDir(n, root));
const rels = [...seen.values()].map((d) => relative(root, d)).sort();
// a package inside an already listed one travels with it
console.log(rels.filter((r) => !rels.some((o) => o !== r && r.startsWith(o + "/"))).join("\n"));
EOF
tar -C "$ROOT" -cf - \
  --exclude='node_modules/node-llama-cpp/llama/gitRelease.bundle' \
  --exclude='node_modules/node-llama-cpp/llama/localBuilds' \
  --exclude='node_modules/node-llama-cpp/llama/llama.cpp' \
  --exclude='node_modules/node-llama-cpp/llama/lastBuild.json' \
  -T "$STAGE/closure.txt" | tar -x -C "$PKG"

# 3. llama.cpp as node-llama-cpp would clone it from its bundle, with its patches applied.
git clone -q "$NLC/llama/gitRelease.bundle" "$STAGE/llama.cpp" 2>/dev/null
(
  cd "$STAGE/llama.cpp"
  # node-llama-cpp's applyLlamaCppRepoPatches: PR-22566 is skipped once upstream has it
  if ! grep -q 'n_tensors = gguf_get_n_tensors(metadata);' src/llama-model-loader.cpp; then
    git apply --ignore-whitespace "$NLC/llama/patches/PR-22566.diff"
  fi
  for p in "$NLC"/llama/patches/*.diff; do
    [ "$(basename "$p")" = PR-22566.diff ] || { echo "prepare: node-llama-cpp has a new patch $(basename "$p"): teach this script its skip rule" >&2; exit 1; }
  done
)
DEST="$PKG/node_modules/node-llama-cpp/llama/llama.cpp"
mkdir -p "$DEST"
(cd "$STAGE/llama.cpp" && tar -cf - CMakeLists.txt LICENSE cmake common ggml include src vendor licenses) | tar -x -C "$DEST"
LLAMA_REV=$(git -C "$STAGE/llama.cpp" rev-parse HEAD)

cat >"$PKG/MANIFEST.json" <<EOF
{ "made": "$(date -u +%FT%TZ)", "quire": "$REV", "node": "$(node --version)",
  "nodeLlamaCpp": "$(node -p "require('$NLC/package.json').version")", "llamaCppCommit": "$LLAMA_REV" }
EOF

# 4. Pack. node.xz is rebuilt only when the node binary changes.
NODE_BIN=$(readlink -f "$(command -v node)")
if [ ! -f "$DEV/node.xz" ] || [ "$NODE_BIN" -nt "$DEV/node.xz" ] || [ "$(cat "$DEV/node.version" 2>/dev/null)" != "$(node --version)" ]; then
  nice -n 19 xz -T0 -6 -c "$NODE_BIN" >"$DEV/node.xz.tmp" && mv "$DEV/node.xz.tmp" "$DEV/node.xz"
  node --version >"$DEV/node.version"
fi
tar -C "$PKG" -cf - . | nice -n 19 xz -T0 -6 >"$DEV/payload.tar.xz.tmp"
mv "$DEV/payload.tar.xz.tmp" "$DEV/payload.tar.xz"
cp "$PKG/MANIFEST.json" "$DEV/MANIFEST.json"
echo "prepare: $(du -sh "$DEV" | cut -f1) in .device ($(du -sh "$DEV/node.xz" | cut -f1) node, $(du -sh "$DEV/payload.tar.xz" | cut -f1) payload); carry [\".device\"]"
