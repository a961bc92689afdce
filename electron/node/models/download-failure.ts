/**
 * What went wrong with a model download, in words a writer can act on: what happened (no
 * connection, the server refused, the connection dropped) and what to do, never a bare ENOTFOUND
 * or "fetch failed". Node's fetch (undici) hides the reason in `cause.code`.
 */

/** Said after every network failure: the download can be taken up again, nothing is lost. */
export const TRY_AGAIN = "Check the internet connection, then choose Try again: what was already downloaded is kept.";

function codeOf(err: unknown): string {
  const e = err as { code?: unknown; cause?: { code?: unknown; cause?: { code?: unknown } } } | null;
  const code = e?.cause?.code ?? e?.cause?.cause?.code ?? e?.code;
  return typeof code === "string" ? code : "";
}

/** Why `host` could not be reached (the request never got an answer). */
export function unreachable(host: string, err: unknown): string {
  const code = codeOf(err);
  let what: string;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME")
    what = `Quire could not find ${host}: this computer seems to have no internet connection, or looking up names (DNS) is not working.`;
  else if (code === "ENETUNREACH" || code === "EHOSTUNREACH" || code === "ENETDOWN")
    what = `This computer has no route to ${host}: it seems to be offline.`;
  else if (code === "ECONNREFUSED") what = `${host} refused the connection: the server may be down, or a firewall or proxy is blocking Quire.`;
  else if (code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_HEADERS_TIMEOUT")
    what = `${host} did not answer in time: the connection is very slow or blocked.`;
  else if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE") what = `The connection to ${host} was cut off.`;
  else if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code))
    what = `The secure connection to ${host} could not be verified (a proxy in between, or a wrong system clock, can cause this).`;
  else what = `Quire could not reach ${host}.`;
  return `${what} ${TRY_AGAIN}`;
}

/** The connection dropped part way. */
export function dropped(host: string, receivedBytes: number): string {
  return `The connection to ${host} dropped after ${megabytes(receivedBytes)}. ${TRY_AGAIN}`;
}

/** The server answered, but not with the file. */
export function refusedByServer(host: string, status: number): string {
  if (status === 404 || status === 410) return `${host} no longer has this file (HTTP ${status}): the catalog's address may be out of date. Choose another model, or update Quire.`;
  if (status === 401 || status === 403) return `${host} refused access to this file (HTTP ${status}): it may need an account or a licence to be accepted on the model's page.`;
  if (status === 429) return `${host} is turning away too many requests (HTTP 429). Wait a few minutes, then choose Try again.`;
  if (status >= 500) return `${host} had a problem of its own (HTTP ${status}). Try again later: what was already downloaded is kept.`;
  return `${host} answered HTTP ${status} instead of sending the file. Try again later.`;
}

const megabytes = (n: number) => (n >= 1e9 ? `${(n / 1e9).toFixed(1)} GB` : `${Math.max(1, Math.round(n / 1e6))} MB`);
