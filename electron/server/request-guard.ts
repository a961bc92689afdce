import { timingSafeEqual } from "node:crypto";

/**
 * Browser mode listens on loopback, but any web page the writer visits can still reach
 * 127.0.0.1. These checks keep such pages out: DNS rebinding (Host), cross-site WebSocket
 * hijacking (Origin) and guessing (a per-launch random token).
 */
const LOOPBACK_NAMES = ["127.0.0.1", "localhost", "[::1]"];

export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return LOOPBACK_NAMES.some((name) => host === `${name}:${port}`);
}

export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (!origin) return false;
  return LOOPBACK_NAMES.some((name) => origin === `http://${name}:${port}`);
}

export function tokenMatches(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
