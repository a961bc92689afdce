/**
 * The largest WebSocket message browser mode reads: the largest request the contract accepts
 * (read from its schemas), in its envelope. Anything the contract allows fits; nothing larger
 * is read (ws refuses it from its declared length, before buffering it).
 */
import { methods } from "../shared/contract/index";
import { worstCaseJsonBytes } from "../shared/contract/payload-bounds";

// {"id":<number>,"method":"<name>","payload":<payload>}
const ENVELOPE_BYTES = 64;

export function largestRequestBytes(): number {
  let largest = 0;
  for (const [name, m] of Object.entries(methods)) largest = Math.max(largest, ENVELOPE_BYTES + name.length + worstCaseJsonBytes(m.input));
  if (!Number.isFinite(largest)) throw new Error("a contract method has no size limit; browser mode cannot size its frames");
  return largest;
}

export const MAX_REQUEST_FRAME_BYTES = largestRequestBytes();
