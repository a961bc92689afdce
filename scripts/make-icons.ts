// Renders assets/icon.svg into the icon sets electron-builder takes from buildResources (assets/):
//   icon.png (1024, Linux and the fallback), icons/NxN.png (Linux hicolor sizes),
//   icon.ico (Windows: 16-256, PNG entries), icon.icns (macOS: 16-1024, PNG entries).
// Rendered by the same headless Chromium the tests use, so no image tool is needed.
//   npx tsx scripts/make-icons.ts
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser } from "../tests/e2e/harness/browser";

const assets = join(import.meta.dirname, "../assets");
const svg = readFileSync(join(assets, "icon.svg"), "utf8");
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const browser = await launchBrowser();
const png = new Map<number, Buffer>();
try {
  const page = await browser.context.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`,
    );
    png.set(size, await page.screenshot({ omitBackground: true, type: "png" }));
  }
} finally {
  await browser.close();
}

writeFileSync(join(assets, "icon.png"), png.get(1024)!);
mkdirSync(join(assets, "icons"), { recursive: true });
for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) writeFileSync(join(assets, "icons", `${size}x${size}.png`), png.get(size)!);

/** ICO: a directory of PNG images (Vista and later read PNG entries; 256 is written as 0). */
function ico(sizes: number[]): Buffer {
  const images = sizes.map((s) => png.get(s)!);
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((img, i) => {
    const at = 6 + 16 * i;
    const s = sizes[i]!;
    header.writeUInt8(s >= 256 ? 0 : s, at);
    header.writeUInt8(s >= 256 ? 0 : s, at + 1);
    header.writeUInt8(0, at + 2);
    header.writeUInt8(0, at + 3);
    header.writeUInt16LE(1, at + 4);
    header.writeUInt16LE(32, at + 6);
    header.writeUInt32LE(img.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += img.length;
  });
  return Buffer.concat([header, ...images]);
}

/** ICNS: big-endian type + length records; these OSTypes hold PNG data at the given pixel size. */
function icns(): Buffer {
  const types: [string, number][] = [
    ["icp4", 16],
    ["icp5", 32],
    ["icp6", 64],
    ["ic07", 128],
    ["ic08", 256],
    ["ic09", 512],
    ["ic10", 1024],
    ["ic11", 32],
    ["ic12", 64],
    ["ic13", 256],
    ["ic14", 512],
  ];
  const records = types.map(([type, size]) => {
    const data = png.get(size)!;
    const head = Buffer.alloc(8);
    head.write(type, 0, "ascii");
    head.writeUInt32BE(8 + data.length, 4);
    return Buffer.concat([head, data]);
  });
  const body = Buffer.concat(records);
  const head = Buffer.alloc(8);
  head.write("icns", 0, "ascii");
  head.writeUInt32BE(8 + body.length, 4);
  return Buffer.concat([head, body]);
}

writeFileSync(join(assets, "icon.ico"), ico([16, 24, 32, 48, 64, 128, 256]));
writeFileSync(join(assets, "icon.icns"), icns());
console.log(`wrote assets/icon.png, icon.ico, icon.icns and icons/ (${SIZES.join(", ")})`);
