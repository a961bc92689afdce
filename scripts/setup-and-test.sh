#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine and runs every test suite: the one command the README gives.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive
# The Electron binary is not needed for tests (they drive the renderer in Chromium through browser mode).
export ELECTRON_SKIP_BINARY_DOWNLOAD=1

need=(chromium pandoc libreoffice-writer-nogui poppler-utils)
missing=()
for pkg in "${need[@]}"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
npm ci --no-audit --no-fund
npm test
