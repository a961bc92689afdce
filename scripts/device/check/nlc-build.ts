/**
 * node-llama-cpp's local build, laid out as its own compile step would: the build options
 * getLlama() derives (hence the folder it looks in), and the files a finished build leaves.
 * cuda-check.sh builds the addon with cmake, then calls finish-build.
 */
import { cpSync, existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Json } from "./report";

export function nlcDir(): string {
  // dist/index.js -> package root (the package's "exports" hide its internals from import specifiers, not from paths)
  return dirname(dirname(createRequire(import.meta.url).resolve("node-llama-cpp")));
}

export async function nlcInternal<T>(rel: string): Promise<T> {
  return (await import(pathToFileURL(join(nlcDir(), "dist", rel)).href)) as T;
}

/** The build options getLlama() derives for { gpu, no cmake options }, hence the folder it looks in. */
export async function buildOptionsFor(gpu: "cuda" | false) {
  const { getPlatform } = await nlcInternal<{ getPlatform(): string }>("bindings/utils/getPlatform.js");
  const { getPlatformInfo } = await nlcInternal<{ getPlatformInfo(): Promise<{ name: string; version: string }> }>("bindings/utils/getPlatformInfo.js");
  const { builtinLlamaCppRelease } = await nlcInternal<{ builtinLlamaCppRelease: string }>("bindings/utils/binariesGithubRelease.js");
  const { builtinLlamaCppGitHubRepo } = await nlcInternal<{ builtinLlamaCppGitHubRepo: string }>("config.js");
  const { getBuildFolderNameForBuildOptions } = await nlcInternal<{
    getBuildFolderNameForBuildOptions(o: unknown): Promise<{ withCustomCmakeOptions: string; binVariant: string }>;
  }>("bindings/utils/getBuildFolderNameForBuildOptions.js");
  const { convertBuildOptionsToBuildOptionsJSON } = await nlcInternal<{ convertBuildOptionsToBuildOptionsJSON(o: unknown): unknown }>("bindings/types.js");
  const buildOptions = {
    customCmakeOptions: new Map<string, string>(),
    progressLogs: false,
    platform: getPlatform(),
    platformInfo: await getPlatformInfo(),
    arch: process.arch,
    gpu,
    llamaCpp: { repo: builtinLlamaCppGitHubRepo, release: builtinLlamaCppRelease },
  };
  const folder = await getBuildFolderNameForBuildOptions(buildOptions);
  const dir = nlcDir();
  const req = createRequire(join(dir, "package.json"));
  const apiHeaders = req("node-api-headers") as { include_dir: string };
  const addonApi = dirname(req.resolve("node-addon-api/package.json"));
  return {
    nlcDir: dir,
    llamaDir: join(dir, "llama"),
    folderName: folder.withCustomCmakeOptions,
    outDir: join(dir, "llama", "localBuilds", folder.withCustomCmakeOptions),
    binVariant: folder.binVariant,
    platform: buildOptions.platform,
    arch: process.arch,
    nodeVersion: process.version.slice(1),
    cmakeJsInc: [apiHeaders.include_dir, addonApi].join(";"),
    metadata: { buildOptions: convertBuildOptionsToBuildOptionsJSON(buildOptions) },
  };
}

/** Mirrors node-llama-cpp's moveBuildFilesToResultDir + the files compileLlamaCpp writes after a build. */
export async function finishBuild(gpu: "cuda" | false): Promise<Json> {
  const info = await buildOptionsFor(gpu);
  const release = join(info.outDir, "Release");
  if (!existsSync(join(release, "llama-addon.node"))) throw new Error(`no ${join(release, "llama-addon.node")}: the build did not produce the addon`);
  for (const binDir of [join(info.outDir, "bin"), join(info.outDir, "llama.cpp", "bin")]) {
    if (!existsSync(binDir)) continue;
    for (const name of readdirSync(binDir)) {
      const to = join(release, name);
      if (!existsSync(to)) cpSync(join(binDir, name), to, { recursive: true, verbatimSymlinks: true });
    }
  }
  const nested = join(release, "Release");
  if (existsSync(nested)) {
    for (const name of readdirSync(nested)) renameSync(join(nested, name), join(release, name));
    rmSync(nested, { recursive: true, force: true });
  }
  rmSync(join(release, "vulkan-shaders-gen"), { force: true });
  writeFileSync(join(release, "_nlcBuildMetadata.json"), JSON.stringify(info.metadata));
  writeFileSync(join(info.outDir, "buildDone.status"), "");
  const files = readdirSync(release).map((f) => ({ file: f, bytes: statSync(join(release, f)).size }));
  return { release, files };
}
