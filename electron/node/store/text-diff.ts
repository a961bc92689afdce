/** The one diff shape lives in electron/shared (proposals show it too); the store's snapshots use it from there. */
export { diffTexts, type DiffGranularity, type DiffPart, type TextDiff } from "../../shared/text/text-diff";
