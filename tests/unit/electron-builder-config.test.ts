import Ajv from "ajv";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

/** Packaging cannot run here (it downloads Electron), so the config is checked statically against electron-builder's own schema. */
const root = join(import.meta.dirname, "../..");
const config = parse(readFileSync(join(root, "electron-builder.yml"), "utf8")) as Record<string, any>;

describe("electron-builder.yml", () => {
  it("validates against electron-builder's JSON schema", () => {
    const require = createRequire(import.meta.url);
    const schema = require("app-builder-lib/scheme.json");
    const ajv = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true });
    const validate = ajv.compile(schema);
    const ok = validate(config);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([]);
    expect(ok).toBe(true);
  });

  it("targets macOS dmg for x64 and arm64, Windows nsis, Linux AppImage and deb", () => {
    const targets = (os: string) => (config[os].target as { target: string; arch: string[] }[]).map((t) => `${t.target}:${t.arch.join("+")}`);
    expect(targets("mac")).toContain("dmg:x64+arm64");
    expect(targets("win")).toContain("nsis:x64");
    expect(targets("linux")).toEqual(expect.arrayContaining(["AppImage:x64", "deb:x64"]));
  });

  it("unpacks node-llama-cpp's native binaries from the asar", () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining(["node_modules/node-llama-cpp/**", "node_modules/@node-llama-cpp/**"]));
  });

  it("points at the built main process", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(config.extraMetadata.main).toBe("out/main/index.js");
    expect(pkg.main).toBe("out/main/index.js");
  });
});
