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
