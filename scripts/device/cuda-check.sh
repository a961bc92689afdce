#!/usr/bin/env bash
# Proves that Quire's model runtime works on CUDA, and measures it, on a borrowed GPU machine
# that has a CUDA toolkit, cmake and a C++ compiler but no Node.js, no npm and no network.
#
#   bash scripts/device/prepare-cuda-check.sh      # here, once: makes .device/ (about 30 MB)
#   bash scripts/device/cuda-check.sh [cuda|cpu]    # there, with .device carried
#
# Steps: check prerequisites (fails at once, saying what is missing) -> unpack node and the
# payload -> build node-llama-cpp's addon from its bundled llama.cpp exactly as its own compile
# step would (same CMake variables as cmake-js + compileLlamaCpp, Node-API headers from the
# payload, nothing downloaded), CUDA for sm_$CUDA_ARCH only -> lay it out as a node-llama-cpp
# local build -> run js/cuda-check.js (backend, GPU memory, tokens/s at 1/2/4/8 sequences through
# startLocalLlm's model host, gpu "auto", a 10,000-word engine draft).
# "cpu" mode is the same path with GGML_CUDA=OFF (no GPU or CUDA checks): the rehearsal.
#
# Results in $OUT: cuda-check.json (all numbers; partial if something failed), cuda-check.log
# (this script's output), build.log (cmake and the compiler), nvidia-smi.txt.
#
# Environment (all optional):
#   OUT=/tmp/quire-cuda-check-out  WORK=/tmp/quire-cuda-check  PAYLOAD=<repo>/.device
#   BUDGET_S=480   seconds from start by which everything must be done (the build is stopped
#                  when less than MIN_TEST_S is left; checks are skipped as the deadline nears)
#   MIN_TEST_S=45  JOBS=$(nproc)  CUDA_ARCH=90  CUDA_FA=ON  NICE=0 (19 on a shared machine)
#   PARAMS=50M TOKENS=256 REPS=3 CONCURRENCY=1,2,4,8 THREADS=(Quire's default; cpu mode: 1)
#   ENGINE=1 ENGINE_PARALLEL=2 BARE=1 KEEP_WORK=0 REUSE_BUILD=0 (1: skip the build if WORK has one)
#   EXTRA_CUDA_DIRS="dir ..."   more places to look for cuBLAS and the CUDA runtime
#   CONFIGURE_ONLY=0 SKIP_GPU_CHECK=0   (rehearsing the CUDA configure step on a machine with no GPU)
set -uo pipefail

T0=$(date +%s)
MODE=${1:-cuda}
case "$MODE" in cuda | cpu) ;; *) echo "usage: $0 [cuda|cpu]" >&2; exit 2 ;; esac
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PAYLOAD=${PAYLOAD:-$ROOT/.device}
WORK=${WORK:-/tmp/quire-cuda-check}
OUT=${OUT:-/tmp/quire-cuda-check-out}
BUDGET_S=${BUDGET_S:-480}
MIN_TEST_S=${MIN_TEST_S:-45}
JOBS=${JOBS:-$(nproc 2>/dev/null || echo 4)}
CUDA_ARCH=${CUDA_ARCH:-90}
CUDA_FA=${CUDA_FA:-ON}
NICE=${NICE:-0}
PARAMS=${PARAMS:-50M}
TOKENS=${TOKENS:-256}
REPS=${REPS:-3}
CONCURRENCY=${CONCURRENCY:-1,2,4,8}
ENGINE=${ENGINE:-1}
ENGINE_PARALLEL=${ENGINE_PARALLEL:-2}
BARE=${BARE:-1}
if [ "$MODE" = cpu ]; then THREADS=${THREADS:-1}; else THREADS=${THREADS:-}; fi

mkdir -p "$OUT"
exec > >(tee -a "$OUT/cuda-check.log") 2>&1
elapsed() { echo $(($(date +%s) - T0)); }
left() { echo $((T0 + BUDGET_S - $(date +%s))); }
say() { echo "[cuda-check +$(elapsed)s] $*"; }

# --- facts gathered by the shell, handed to the runner (or written alone if it never runs) ---
INFO_KEYS=()
INFO_VALS=()
jstr() {
  local s
  s=$(printf '%s' "$1" | tr -d '\000-\010\013\014\016-\037')
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\t'/ }
  printf '"%s"' "$s"
}
info() { INFO_KEYS+=("$1"); INFO_VALS+=("$(jstr "$2")"); }
info_raw() { INFO_KEYS+=("$1"); INFO_VALS+=("$2"); }
info_json() {
  local i sep=""
  printf '{'
  for i in "${!INFO_KEYS[@]}"; do
    printf '%s\n  %s: %s' "$sep" "$(jstr "${INFO_KEYS[$i]}")" "${INFO_VALS[$i]}"
    sep=","
  done
  printf '\n}\n'
}
die() {
  local stage=$1
  shift
  say "FATAL ($stage): $*"
  info stage "$stage"
  info error "$*"
  info_raw elapsedSeconds "$(elapsed)"
  {
    printf '{ "check": "quire-cuda-check", "mode": "%s", "ok": false, "failedAt": %s, "error": %s,\n  "shell": ' "$MODE" "$(jstr "$stage")" "$(jstr "$*")"
    info_json
    printf '}\n'
  } >"$OUT/cuda-check.json"
  exit 1
}
info mode "$MODE"
info startedAt "$(date -u +%FT%TZ)"
info host "$(uname -a)"
info_raw budgetSeconds "$BUDGET_S"
[ -f /etc/os-release ] && info os "$(. /etc/os-release && echo "${PRETTY_NAME:-$NAME}")"
info glibc "$(ldd --version 2>&1 | head -1)"
say "mode $MODE, budget ${BUDGET_S}s, jobs $JOBS, out $OUT, work $WORK"

# --- 1. prerequisites: everything that can be checked before minutes are spent building ---
[ -f "$PAYLOAD/node.xz" ] && [ -f "$PAYLOAD/payload.tar.xz" ] ||
  die prerequisites "no $PAYLOAD/node.xz or payload.tar.xz: run scripts/device/prepare-cuda-check.sh on the dev machine and carry .device"
[ -f "$PAYLOAD/MANIFEST.json" ] && info_raw payload "$(tr -d '\n' <"$PAYLOAD/MANIFEST.json")"
for t in xz tar; do command -v $t >/dev/null || die prerequisites "'$t' is not installed"; done

find_tool() { # name, then python modules that may carry it
  local name=$1 mod
  shift
  command -v "$name" 2>/dev/null && return 0
  for mod in "$@"; do
    python3 - "$name" "$mod" 2>/dev/null <<'EOF' && return 0
import importlib, os, sys
name, mod = sys.argv[1], sys.argv[2]
m = importlib.import_module(mod)
for d in (getattr(m, "BIN_DIR", None), getattr(m, "CMAKE_BIN_DIR", None), os.path.join(os.path.dirname(m.__file__), "data", "bin")):
    if d and os.access(os.path.join(d, name), os.X_OK):
        print(os.path.join(d, name)); sys.exit(0)
sys.exit(1)
EOF
  done
  return 1
}
CMAKE=$(find_tool cmake cmake) || die prerequisites "cmake is not installed (neither on PATH nor as the python 'cmake' package)"
cmake_version=$("$CMAKE" --version | head -1 | awk '{print $3}')
info cmake "$CMAKE $cmake_version"
[ "$(printf '%s\n3.19\n' "$cmake_version" | sort -V | head -1)" = 3.19 ] || die prerequisites "cmake $cmake_version is older than 3.19"
if NINJA=$(find_tool ninja ninja); then
  GENERATOR=(-G Ninja -DCMAKE_MAKE_PROGRAM="$NINJA")
  info generator "Ninja ($NINJA)"
elif command -v make >/dev/null; then
  GENERATOR=(-G "Unix Makefiles")
  info generator "Unix Makefiles"
else
  die prerequisites "neither ninja nor make is installed"
fi
CXX_BIN=${CXX:-$(command -v c++ || command -v g++ || command -v clang++ || true)}
CC_BIN=${CC:-$(command -v cc || command -v gcc || command -v clang || true)}
[ -n "$CXX_BIN" ] && [ -n "$CC_BIN" ] || die prerequisites "no C/C++ compiler (cc/c++, gcc/g++ or clang/clang++)"
info compilers "$("$CC_BIN" --version | head -1) / $("$CXX_BIN" --version | head -1)"

CMAKE_CUDA=()
LIB_DIRS=()
if [ "$MODE" = cuda ]; then
  if [ "${SKIP_GPU_CHECK:-0}" != 1 ]; then
    command -v nvidia-smi >/dev/null || die prerequisites "nvidia-smi is not installed: no NVIDIA driver on this machine"
    gpus=$(nvidia-smi -L 2>&1) || die prerequisites "nvidia-smi sees no GPU: $gpus"
    info gpus "$gpus"
    nvidia-smi >"$OUT/nvidia-smi.txt" 2>&1
    info gpu "$(nvidia-smi --query-gpu=name,memory.total,driver_version,compute_cap --format=csv,noheader 2>&1 | head -1)"
  fi
  NVCC=${CUDACXX:-$(command -v nvcc || true)}
  [ -z "$NVCC" ] && for c in /usr/local/cuda/bin/nvcc /usr/local/cuda-*/bin/nvcc /opt/cuda/bin/nvcc; do [ -x "$c" ] && NVCC=$c && break; done
  [ -n "$NVCC" ] && [ -x "$NVCC" ] || die prerequisites "nvcc not found (not on PATH, not in /usr/local/cuda*/bin): the CUDA toolkit is missing"
  # a wrapper script (exec /usr/local/cuda-X/bin/nvcc) hides the toolkit: ask nvcc itself
  nvcc_real=$(readlink -f "$NVCC")
  if grep -qs 'exec .*nvcc' "$nvcc_real" 2>/dev/null && [ "$(stat -c %s "$nvcc_real")" -lt 4096 ]; then
    inner=$(grep -o '/[^ "]*/bin/nvcc' "$nvcc_real" | head -1)
    [ -x "$inner" ] && nvcc_real=$(readlink -f "$inner")
  fi
  CUDA_HOME=${CUDA_HOME:-$(dirname "$(dirname "$nvcc_real")")}
  info nvcc "$NVCC ($("$NVCC" --version 2>&1 | grep -i release | head -1))"
  info cudaHome "$CUDA_HOME"
  export CUDACXX=$nvcc_real

  # Where the CUDA libraries may be: the toolkit, the system, NVIDIA's pip wheels (nvidia-cublas
  # & co. ship lib/ and include/ under site-packages/nvidia/...), and whatever the caller adds.
  # (the toolkit first, then NVIDIA's wheels, then the system: a stray older cuBLAS in /usr must not win)
  cand=(${EXTRA_CUDA_DIRS:-} "$CUDA_HOME" /usr/local/cuda /usr/local/cuda-*)
  if command -v python3 >/dev/null; then
    while IFS= read -r d; do [ -n "$d" ] && cand+=("$d"); done < <(python3 -c 'import site,sys,os
for p in site.getsitepackages()+[site.getusersitepackages()]+sys.path:
    d=os.path.join(p,"nvidia")
    if os.path.isdir(d): print(d)' 2>/dev/null | sort -u)
  fi
  for d in /opt/*/.venv/lib/python3*/site-packages/nvidia /usr/local/lib/python3*/dist-packages/nvidia /usr/lib/python3/dist-packages/nvidia; do
    [ -d "$d" ] && cand+=("$d")
  done
  cand+=(/usr/lib/x86_64-linux-gnu /usr/lib64 /opt/cuda /usr /usr/local /opt)
  find_in() { # pattern, max depth: first match under the candidate folders
    local d hit
    for d in "${cand[@]}"; do
      [ -d "$d" ] || continue
      hit=$(find -H "$d" -maxdepth "$2" \( -type f -o -type l \) -name "$1" 2>/dev/null | grep -v '/stubs/' | sort | head -1)
      [ -n "$hit" ] && { echo "$hit"; return 0; }
    done
    return 1
  }
  find_anywhere() { # last resort, bounded in time
    timeout 30 find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path "$WORK" \) -prune -o -name "$1" -print 2>/dev/null | grep -v '/stubs/' | head -1
  }
  CUDA_MAJOR=$("$NVCC" --version 2>&1 | sed -n 's/.*release \([0-9]*\)\..*/\1/p' | head -1)
  CUBLAS=$(find_in "libcublas.so.${CUDA_MAJOR:-X}*" 6 || find_in 'libcublas.so*' 6 || find_anywhere "libcublas.so.${CUDA_MAJOR:-X}*" || find_anywhere 'libcublas.so*')
  [ -n "$CUBLAS" ] || die prerequisites "cuBLAS (libcublas.so*) not found in the toolkit, the system or Python's nvidia packages; set EXTRA_CUDA_DIRS"
  CUBLAS_DIR=$(dirname "$CUBLAS")
  CUBLASLT=$(ls "$CUBLAS_DIR"/libcublasLt.so* 2>/dev/null | head -1)
  [ -n "$CUBLASLT" ] || CUBLASLT=$(find_in 'libcublasLt.so*' 6 || find_anywhere 'libcublasLt.so*')
  [ -n "$CUBLASLT" ] || die prerequisites "libcublasLt.so* not found (cuBLAS at $CUBLAS needs it)"
  CUBLAS_H=""
  for inc in "$CUDA_HOME/include" "$CUDA_HOME"/targets/*/include "$CUBLAS_DIR/../include" "$CUBLAS_DIR/../../include"; do
    [ -f "$inc/cublas_v2.h" ] && CUBLAS_H=$(cd "$inc" && pwd) && break
  done
  [ -n "$CUBLAS_H" ] || { h=$(find_in cublas_v2.h 6 || find_anywhere cublas_v2.h); [ -n "$h" ] && CUBLAS_H=$(dirname "$h"); }
  [ -n "$CUBLAS_H" ] || die prerequisites "cuBLAS headers (cublas_v2.h) not found: the runtime library is there ($CUBLAS) but not its headers"
  CUDART=$(find_in "libcudart.so.${CUDA_MAJOR:-X}*" 5 || find_in 'libcudart.so*' 5 || find_anywhere 'libcudart.so*')
  [ -n "$CUDART" ] || die prerequisites "the CUDA runtime (libcudart.so*) was not found"
  # the driver library: real one for running; for linking the toolkit's stub does as well
  LIBCUDA=$( (ldconfig -p 2>/dev/null | awk '/libcuda\.so\.1 /{print $NF; exit}'))
  if [ -z "$LIBCUDA" ] || [ ! -e "$LIBCUDA" ]; then
    LIBCUDA=""
    for d in /usr/local/nvidia/lib64 /usr/local/nvidia/lib /usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib/wsl/lib "$CUDA_HOME/compat"; do
      [ -e "$d/libcuda.so.1" ] && LIBCUDA=$d/libcuda.so.1 && break
    done
    [ -n "$LIBCUDA" ] || LIBCUDA=$(find_in libcuda.so.1 4 || true)
  fi
  CUDA_STUB=$(ls "$CUDA_HOME"/lib64/stubs/libcuda.so "$CUDA_HOME"/targets/*/lib/stubs/libcuda.so 2>/dev/null | head -1)
  if [ -z "$LIBCUDA" ] && [ "${SKIP_GPU_CHECK:-0}" != 1 ]; then
    die prerequisites "the NVIDIA driver library libcuda.so.1 was not found (ldconfig, /usr/local/nvidia/lib64, /usr/lib/x86_64-linux-gnu)"
  fi
  LINK_CUDA=${CUDA_STUB:-$LIBCUDA}
  [ -n "$LINK_CUDA" ] || die prerequisites "no libcuda.so to link against (no driver library and no toolkit stub)"
  info cublas "$CUBLAS"
  info cublasLt "$CUBLASLT"
  info cublasHeaders "$CUBLAS_H"
  info cudart "$CUDART"
  info libcuda "${LIBCUDA:-none (no driver)}"
  info libcudaForLinking "$LINK_CUDA"
  LIB_DIRS=("$(dirname "$CUDART")" "$CUBLAS_DIR" "$(dirname "$CUBLASLT")")
  [ -n "$LIBCUDA" ] && LIB_DIRS+=("$(dirname "$LIBCUDA")")
  CMAKE_CUDA=(
    -DGGML_CUDA=1
    -DCMAKE_CUDA_COMPILER="$nvcc_real"
    -DCMAKE_CUDA_ARCHITECTURES="$CUDA_ARCH"
    -DGGML_CUDA_FA="$CUDA_FA"
    -DCUDAToolkit_ROOT="$CUDA_HOME"
    -DCUDA_cublas_LIBRARY="$CUBLAS"
    -DCUDA_cublasLt_LIBRARY="$CUBLASLT"
    -DCUDA_cuda_driver_LIBRARY="$LINK_CUDA"
  )
  [ "$CUBLAS_H" != "$(cd "$CUDA_HOME/include" 2>/dev/null && pwd)" ] && CMAKE_CUDA+=(-DCMAKE_CUDA_FLAGS="-I$CUBLAS_H" -DCMAKE_CXX_FLAGS="-I$CUBLAS_H")
fi
for d in "${LIB_DIRS[@]}"; do
  case ":${LD_LIBRARY_PATH:-}:" in *":$d:"*) ;; *) LD_LIBRARY_PATH="$d${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" ;; esac
done
export LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}
info ldLibraryPath "$LD_LIBRARY_PATH"
say "prerequisites OK"

# --- 2. unpack node and the payload ---
if [ "${REUSE_BUILD:-0}" != 1 ]; then rm -rf "$WORK"; fi
mkdir -p "$WORK/bin"
t=$(date +%s)
xz -dc "$PAYLOAD/node.xz" >"$WORK/bin/node" && chmod +x "$WORK/bin/node" || die unpack "could not unpack node"
node_v=$("$WORK/bin/node" --version 2>&1) || die unpack "the carried node does not run here: $node_v; $(ldd "$WORK/bin/node" 2>&1 | grep -i 'not found' | tr '\n' ' ')"
info node "$node_v"
export PATH="$WORK/bin:$PATH" # the addon's CMakeLists runs `node` to find node-addon-api
xz -dc "$PAYLOAD/payload.tar.xz" | tar -x -C "$WORK" || die unpack "could not unpack payload.tar.xz"
info_raw unpackSeconds "$(($(date +%s) - t))"
RUNNER=("$WORK/bin/node" "$WORK/js/cuda-check.js")
GPU_ARG=$([ "$MODE" = cuda ] && echo cuda || echo cpu)
BI=$("${RUNNER[@]}" build-info --gpu "$GPU_ARG") || die unpack "cuda-check.js build-info failed: $BI"
bi() { "$WORK/bin/node" -e 'const o=JSON.parse(process.argv[1]); process.stdout.write(String(o[process.argv[2]]))' "$BI" "$1"; }
NLC_LLAMA=$(bi llamaDir)
BUILD=$(bi outDir)
info buildFolder "$(bi folderName)"
say "unpacked; node $node_v; build folder $(bi folderName)"

# --- 3. build the addon (what `npx node-llama-cpp source build --gpu cuda` would do, offline) ---
built=0
if [ "${REUSE_BUILD:-0}" = 1 ] && [ -f "$BUILD/buildDone.status" ]; then
  say "reusing the build in $BUILD"
  built=1
fi
if [ $built = 0 ]; then
  rm -rf "$BUILD"
  mkdir -p "$BUILD"
  CMAKE_ARGS=(
    -S "$NLC_LLAMA" -B "$BUILD" "${GENERATOR[@]}" --no-warn-unused-cli
    # cmake-js (Node-API mode: headers from node-api-headers and node-addon-api, no download)
    -DCMAKE_JS_VERSION=8.0.0 -DCMAKE_BUILD_TYPE=Release -DCMAKE_LIBRARY_OUTPUT_DIRECTORY="$BUILD/Release"
    -DCMAKE_JS_INC="$(bi cmakeJsInc)" -DCMAKE_JS_SRC= -DCMAKE_JS_LIB=
    -DNODE_RUNTIME=node -DNODE_RUNTIMEVERSION="$(bi nodeVersion)" -DNODE_ARCH="$(bi arch)"
    -DCMAKE_C_COMPILER="$CC_BIN" -DCMAKE_CXX_COMPILER="$CXX_BIN"
    # node-llama-cpp's compileLlamaCpp, not in CI mode, building for this machine
    -DGGML_BUILD_NUMBER=1 -DCMAKE_CONFIGURATION_TYPES=Release
    -DNLC_CURRENT_PLATFORM="$(bi platform)-$(bi arch)" -DNLC_TARGET_PLATFORM="$(bi platform)-$(bi arch)"
    -DNLC_VARIANT="$(bi binVariant)" -DGGML_METAL=OFF -DGGML_CCACHE=OFF -DGGML_NATIVE=ON
    -DLLAMA_CURL=OFF -DLLAMA_HTTPLIB=OFF -DLLAMA_BUILD_BORINGSSL=OFF -DLLAMA_OPENSSL=OFF
  )
  [ "$MODE" = cuda ] && CMAKE_ARGS+=("${CMAKE_CUDA[@]}") || CMAKE_ARGS+=(-DGGML_CUDA=OFF)
  info cmakeArgs "${CMAKE_ARGS[*]}"
  NICE_CMD=()
  [ "$NICE" != 0 ] && NICE_CMD=(nice -n "$NICE")
  t=$(date +%s)
  say "configuring"
  {
    echo "\$ cmake ${CMAKE_ARGS[*]}"
    "${NICE_CMD[@]}" "$CMAKE" "${CMAKE_ARGS[@]}"
  } >"$OUT/build.log" 2>&1 || die configure "cmake configure failed: $(grep -E 'CMake Error|error|not found' "$OUT/build.log" | head -8 | tr '\n' ' ')"
  info_raw configureSeconds "$(($(date +%s) - t))"
  info cudaArchitecturesUsed "$(grep -o 'Using CMAKE_CUDA_ARCHITECTURES=[^ ]*' "$OUT/build.log" | head -1)"
  say "configured in $(($(date +%s) - t))s"
  [ "${CONFIGURE_ONLY:-0}" = 1 ] && { say "CONFIGURE_ONLY: stopping here"; info_json >"$OUT/cuda-check.json"; exit 0; }

  limit=$(($(left) - MIN_TEST_S))
  [ $limit -gt 30 ] || die build "no time left to build (${limit}s)"
  t=$(date +%s)
  say "building with $JOBS jobs (stopped after ${limit}s)"
  timeout --kill-after=10 "$limit" "${NICE_CMD[@]}" "$CMAKE" --build "$BUILD" --config Release --parallel "$JOBS" >>"$OUT/build.log" 2>&1
  rc=$?
  info_raw buildSeconds "$(($(date +%s) - t))"
  info buildProgress "$(grep -o '^\[[0-9]*/[0-9]*\]' "$OUT/build.log" | tail -1)"
  if [ $rc = 124 ] || [ $rc = 137 ]; then die build "the build did not finish within ${limit}s (reached $(grep -o '^\[[0-9]*/[0-9]*\]' "$OUT/build.log" | tail -1)); raise BUDGET_S or lower the work"; fi
  [ $rc = 0 ] || die build "the build failed (exit $rc): $(grep -E 'error|Error' "$OUT/build.log" | head -8 | tr '\n' ' ')"
  say "built in $(($(date +%s) - t))s"
  FB=$("${RUNNER[@]}" finish-build --gpu "$GPU_ARG") || die build "laying out the local build failed: $FB"
  info_raw buildFiles "$FB"
fi
if [ "$MODE" = cuda ]; then
  lib=$(ls "$BUILD"/Release/libggml-cuda*.so 2>/dev/null | head -1)
  [ -n "$lib" ] || die build "no libggml-cuda*.so in $BUILD/Release: the CUDA backend was not built"
  missing=$(ldd "$lib" 2>&1 | grep 'not found' | tr '\n' ' ')
  info cudaLibDeps "$(ldd "$lib" 2>&1 | grep -E 'cuda|cublas' | tr '\n' ' ')"
  [ -z "$missing" ] || say "WARNING: $lib cannot find: $missing"
  command -v cuobjdump >/dev/null && info cudaLibArchitectures "$(cuobjdump --list-elf "$lib" 2>/dev/null | grep -o 'sm_[0-9a-z]*' | sort | uniq -c | tr '\n' ' ')"
fi

# --- 4. the checks ---
info_json >"$WORK/shell.json"
RUN_ARGS=(run --mode "$MODE" --out "$OUT/cuda-check.json" --extra "$WORK/shell.json"
  --deadline "$(((T0 + BUDGET_S - 10) * 1000))" --params "$PARAMS" --tokens "$TOKENS" --reps "$REPS"
  --concurrency "$CONCURRENCY" --engine-parallel "$ENGINE_PARALLEL")
[ -n "$THREADS" ] && RUN_ARGS+=(--threads "$THREADS")
[ "$ENGINE" = 1 ] || RUN_ARGS+=(--no-engine)
[ "$BARE" = 1 ] || RUN_ARGS+=(--no-bare)
runner_limit=$(($(left) - 3))
[ $runner_limit -gt 10 ] || die checks "no time left for the checks"
say "running the checks (stopped after ${runner_limit}s)"
NICE_CMD=()
[ "$NICE" != 0 ] && NICE_CMD=(nice -n "$NICE")
timeout --kill-after=5 "$runner_limit" "${NICE_CMD[@]}" "${RUNNER[@]}" "${RUN_ARGS[@]}"
rc=$?
[ "$MODE" = cuda ] && command -v nvidia-smi >/dev/null && { echo "--- after the checks"; nvidia-smi; } >>"$OUT/nvidia-smi.txt" 2>&1
if [ ! -s "$OUT/cuda-check.json" ]; then die checks "the runner wrote nothing (exit $rc)"; fi
if [ $rc -gt 1 ]; then
  # killed (timeout) or crashed (a native fault): keep what it saved, say how it ended
  "$WORK/bin/node" -e 'const f=process.argv[1],o=JSON.parse(require("fs").readFileSync(f,"utf8"));o.ok=false;o.runnerExit=Number(process.argv[2]);(o.problems??=[]).push("runner ended with exit "+process.argv[2]+(process.argv[2]==="124"?" (timeout)":""));require("fs").writeFileSync(f,JSON.stringify(o,null,2)+"\n")' "$OUT/cuda-check.json" "$rc"
  say "the runner ended with exit $rc; partial results in $OUT/cuda-check.json"
fi
[ "${KEEP_WORK:-0}" = 1 ] || [ "${REUSE_BUILD:-0}" = 1 ] || rm -rf "$WORK"
say "done in $(elapsed)s: $OUT/cuda-check.json"
exit $rc
