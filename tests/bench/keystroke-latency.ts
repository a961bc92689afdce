import type { Page } from "playwright-core";

/** Installs a recorder in the page: each keydown to the frame after it is presented, in ms. */
export async function installKeyRecorder(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __lat: number[] };
    w.__lat = [];
    document.addEventListener(
      "keydown",
      () => {
        const t0 = performance.now();
        requestAnimationFrame(() => {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => w.__lat.push(performance.now() - t0);
          ch.port2.postMessage(0);
        });
      },
      true,
    );
  });
}

/** Types `keys` characters at the caret, a key every 20 ms, and returns their latencies. */
export async function typeRound(page: Page, keys: number): Promise<number[]> {
  await page.evaluate(() => ((window as unknown as { __lat: number[] }).__lat = []));
  const text = "the keeper climbs the stairs again ";
  for (let i = 0; i < keys; i++) {
    await page.keyboard.press(text[i % text.length] === " " ? "Space" : text[i % text.length]!);
    await page.waitForTimeout(20);
  }
  await page.waitForTimeout(100);
  return page.evaluate(() => (window as unknown as { __lat: number[] }).__lat);
}
