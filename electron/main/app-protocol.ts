import { net, protocol } from "electron";
import { join, normalize, sep } from "node:path";
import { pathToFileURL } from "node:url";

/** Must run before app "ready": app:// behaves like a secure, standard origin. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: "app", privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from app://quire/…; nothing outside its folder. */
export function serveRenderer(rendererDir: string): void {
  const root = normalize(rendererDir);
  protocol.handle("app", (request) => {
    const url = new URL(request.url);
    if (url.host !== "quire") return new Response("Not found", { status: 404 });
    const rel = url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname).replace(/^\/+/, "");
    const full = normalize(join(root, rel));
    if (!full.startsWith(root + sep)) return new Response("Not found", { status: 404 });
    return net.fetch(pathToFileURL(full).toString());
  });
}
