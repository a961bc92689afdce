import { z } from "zod";
import { projectHandle, unitId } from "./common";
import { method } from "./define";

export const snapshotInfo = z.object({
  id: z.string(),
  unitId,
  createdAt: z.string(),
  reason: z.string(),
  words: z.number().int(),
});

export const diffPart = z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() });

export const snapshotsMethods = {
  "snapshots.create": method(
    z.object({ handle: projectHandle, unitId, reason: z.string().max(200).default("manual") }),
    snapshotInfo,
  ),
  "snapshots.list": method(z.object({ handle: projectHandle, unitId }), z.array(snapshotInfo)),
  "snapshots.diff": method(
    z.object({ handle: projectHandle, unitId, snapshotId: z.string().max(100) }),
    z.object({ parts: z.array(diffPart) }),
  ),
  "snapshots.restore": method(
    z.object({ handle: projectHandle, unitId, snapshotId: z.string().max(100) }),
    z.object({ body: z.string(), version: z.number().int() }),
  ),
};
