import { QuireClient } from "../../electron/shared/contract/client";
import { ipcTransport, type QuireBridge } from "./transport/ipc-transport";
import { wsTransport } from "./transport/ws-transport";
import { useApp } from "./state/app-store";

declare global {
  interface Window {
    quire?: QuireBridge;
  }
}

/** In Electron the preload provides window.quire; in browser mode the page was opened with ?token=… */
function browserModeUrl(): string {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get("token");
  if (fromUrl) {
    sessionStorage.setItem("quire-token", fromUrl);
    history.replaceState(null, "", location.pathname);
  }
  const token = fromUrl ?? sessionStorage.getItem("quire-token") ?? "";
  return `ws://${location.host}/ws?token=${encodeURIComponent(token)}`;
}

export const client = new QuireClient(
  window.quire
    ? ipcTransport(window.quire)
    : wsTransport(browserModeUrl(), (connected) => useApp.getState().setConnected(connected)),
);

/**
 * This tab's (or window's) name for the backend: its unsaved edits have their own journal entry,
 * and the saves it makes are announced to the others under it. Kept across a reload of the tab.
 */
export const clientId: string = (() => {
  const kept = sessionStorage.getItem("quire-client");
  if (kept && /^[A-Za-z0-9_-]{1,64}$/.test(kept)) return kept;
  const id = `tab-${Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, "0")).join("")}`;
  sessionStorage.setItem("quire-client", id);
  return id;
})();
