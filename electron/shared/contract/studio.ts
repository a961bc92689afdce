/** The studio's own per-project settings (kept with the project, not in the manuscript): findings the writer dismissed. */
import { z } from "zod";
import { projectHandle } from "./common";
import { method } from "./define";

/** A finding's identity as the studio names it (unit, monitor, code, a hash of its passage); opaque to the backend. */
export const findingKey = z.string().min(1).max(300);
/** The most dismissals a project keeps; the oldest go first. */
export const MAX_DISMISSED_FINDINGS = 5000;

export const studioSettings = z.object({
  dismissedFindings: z.array(findingKey).max(MAX_DISMISSED_FINDINGS),
});
export type StudioSettings = z.infer<typeof studioSettings>;

export const studioMethods = {
  "studio.settings": method(z.object({ handle: projectHandle }), studioSettings),
  /** Dismisses (or brings back) findings; answers with the settings as now stored. */
  "studio.dismissFindings": method(
    z.object({ handle: projectHandle, keys: z.array(findingKey).min(1).max(500), dismissed: z.boolean() }),
    studioSettings,
  ),
};
