import { homedir, platform } from "node:os";
import { join } from "node:path";

/** Where Quire keeps its own data (models, recent projects): the OS's app-data folder, never the app bundle. */
export function appDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.QUIRE_DATA_DIR) return env.QUIRE_DATA_DIR;
  switch (platform()) {
    case "darwin":
      return join(homedir(), "Library", "Application Support", "Quire");
    case "win32":
      return join(env.APPDATA ?? join(homedir(), "AppData", "Roaming"), "Quire");
    default:
      return join(env.XDG_DATA_HOME ?? join(homedir(), ".local", "share"), "quire");
  }
}

/** Where new projects go unless the writer picks a folder. */
export function defaultProjectsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.QUIRE_PROJECTS_DIR ?? join(homedir(), "Documents", "Quire");
}
