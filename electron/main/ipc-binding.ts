import { ipcMain, type BrowserWindow } from "electron";
import type { Dispatcher } from "../node/backend/dispatcher";
import { isTrustedSender } from "./security/url-policy";

export const INVOKE_CHANNEL = "quire:invoke";
export const EVENT_CHANNEL = "quire:event";

/** Binds the backend to Electron IPC: only our own top-level frame may call, and every payload is validated by the dispatcher. */
export function bindIpc(dispatcher: Dispatcher, windows: () => BrowserWindow[]): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, payload: unknown) => {
    if (!isTrustedSender(event.senderFrame)) {
      return { ok: false, error: { code: "invalid-payload", message: "Refused: the request did not come from Quire's own page." } };
    }
    return dispatcher.dispatch(method, payload);
  });
  const off = dispatcher.subscribe((name, payload) => {
    for (const w of windows()) if (!w.isDestroyed()) w.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    off();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
