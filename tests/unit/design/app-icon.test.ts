/**
 * The app icon: electron-builder takes it from buildResources (assets/) for each platform, so each
 * set must be there, in its format, at the sizes the platform asks for, and the config must name them.
 * (scripts/make-icons.ts renders them from assets/icon.svg.)
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = join(import.meta.dirname, "../../..");
const assets = join(root, "assets");
const config = parse(readFileSync(join(root, "electron-builder.yml"), "utf8")) as Record<string, any>;

/** Width and height of a PNG (IHDR). */
function pngSize(buf: Buffer): [number, number] {
  expect(buf.subarray(1, 4).toString("ascii")).toBe("PNG");
  return [buf.readUInt32BE(16), buf.readUInt32BE(20)];
}

describe("the app icon", () => {
  it("buildResources is assets/ and each platform names its icon there", () => {
    expect(config.directories.buildResources).toBe("assets");
    for (const [os, file] of [["mac", "icon.icns"], ["win", "icon.ico"], ["linux", "icons"]] as const) {
      expect(config[os].icon).toBe(file);
      expect(existsSync(join(assets, file))).toBe(true);
    }
  });

  it("icon.png is 1024 px square; Linux has the hicolor sizes", () => {
    expect(pngSize(readFileSync(join(assets, "icon.png")))).toEqual([1024, 1024]);
    for (const s of [16, 32, 48, 64, 128, 256, 512]) expect(pngSize(readFileSync(join(assets, "icons", `${s}x${s}.png`)))).toEqual([s, s]);
  });

  it("icon.ico holds PNG images from 16 to 256 px", () => {
    const ico = readFileSync(join(assets, "icon.ico"));
    expect(ico.readUInt16LE(2)).toBe(1);
    const sizes: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const at = 6 + 16 * i;
      const w = ico.readUInt8(at) || 256;
      const offset = ico.readUInt32LE(at + 12);
      expect(pngSize(ico.subarray(offset, offset + ico.readUInt32LE(at + 8)))).toEqual([w, w]);
      sizes.push(w);
    }
    expect(sizes).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });

  it("icon.icns holds the retina sizes up to 1024 px", () => {
    const icns = readFileSync(join(assets, "icon.icns"));
    expect(icns.subarray(0, 4).toString("ascii")).toBe("icns");
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found = new Map<string, [number, number]>();
    for (let at = 8; at < icns.length; ) {
      const type = icns.subarray(at, at + 4).toString("ascii");
      const len = icns.readUInt32BE(at + 4);
      found.set(type, pngSize(icns.subarray(at + 8, at + len)));
      at += len;
    }
    expect(found.get("ic10")).toEqual([1024, 1024]);
    expect(found.get("ic09")).toEqual([512, 512]);
    expect(found.get("ic07")).toEqual([128, 128]);
  });

  it("the studio's tab shows the same mark", () => {
    const html = readFileSync(join(root, "renderer/index.html"), "utf8");
    expect(html).toMatch(/<link rel="icon" type="image\/svg\+xml" href="\.\/quire-mark\.svg"/);
    const mark = readFileSync(join(root, "renderer/public/quire-mark.svg"), "utf8");
    const glyph = (svg: string) => [...svg.matchAll(/ d="([^"]+)"/g)].map((m) => m[1]);
    expect(glyph(mark)).toEqual(glyph(readFileSync(join(assets, "icon.svg"), "utf8")));
  });
});
