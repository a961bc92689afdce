/**
 * The desktop app's decisions about URLs, as pure functions so they can be tested with
 * hostile input. The renderer is only ever our own app:// bundle; everything else is refused
 * or, for a short allowlist of https sites, handed to the system browser.
 */

export const APP_ORIGIN = "app://quire";

/** Sites a writer may be sent to from inside Quire (model pages, docs). Exact host names only. */
export const EXTERNAL_HOSTS = new Set(["huggingface.co", "github.com", "quire.app"]);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** May the window navigate to this URL? Only within our own bundle. */
export function isAllowedNavigation(url: string): boolean {
  const u = parse(url);
  return u !== null && u.protocol === "app:" && u.host === "quire" && !u.username && !u.password;
}

/** May this URL be opened in the system browser? https on an allowlisted host, nothing else. */
export function isAllowedExternal(url: string): boolean {
  const u = parse(url);
  if (!u || u.protocol !== "https:" || u.username || u.password || u.port) return false;
  return EXTERNAL_HOSTS.has(u.hostname.toLowerCase());
}

/** Permission requests (camera, notifications, geolocation…): Quire needs none. */
export function decidePermission(_permission: string): boolean {
  return false;
}

/** Is an IPC message from our own top-level frame? Sub-frames and foreign origins are refused. */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  if (!frame || frame.parent) return false;
  return isAllowedNavigation(frame.url);
}
