import { z } from "zod";
import { event, method } from "./define";

export const appMethods = {
  /** which shell the studio runs in, and the project to open at start (from --project or the last session) */
  "app.info": method(
    z.object({}),
    z.object({
      version: z.string(),
      shell: z.enum(["electron", "browser"]),
      startupProject: z.string().nullable(),
    }),
  ),
};

export const appCommand = z.enum(["new-project", "open-project", "save", "snapshot", "focus-mode", "export"]);

export const appEvents = {
  /** a menu command from the desktop shell; carries a project handle when a dialog chose a folder */
  "app.command": event(z.object({ command: appCommand, handle: z.string().optional() })),
};
