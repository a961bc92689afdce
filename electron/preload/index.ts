import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";

// Exposes two functions and nothing raw: never ipcRenderer itself, never its event object.
contextBridge.exposeInMainWorld("quire", {
  invoke: (method: string, payload: unknown): Promise<unknown> => ipcRenderer.invoke("quire:invoke", method, payload),
  onEvent: (listener: (event: string, payload: unknown) => void): (() => void) => {
    const forward = (_e: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on("quire:event", forward);
    return () => {
      ipcRenderer.removeListener("quire:event", forward);
    };
  },
});
