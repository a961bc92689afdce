/** The project store: everything outside electron/node/store should import from here. */
export { ProjectStore } from "./project-store";
export type {
  StoreEvent,
  OpenOptions,
  UnitWithVersion,
  RecoveryEntry,
  UnitMetaPatch,
  ProjectMetaPatch,
  BibleEntryInput,
  BibleEntryPatch,
} from "./project-store";
export { ProjectFileError, StaleVersionError, NotFoundError, InvalidOperationError, InvalidIdError, type FileProblem } from "./errors";
export { ProjectLockedError, type AppKind, type LockInfo } from "./project-lock";
export {
  readProjectData,
  writeNewProject,
  readQuireJson,
  parseUnitText,
  serializeUnit,
  parseBibleText,
  serializeBibleEntry,
  unitFileName,
  bibleFileName,
  type LoadedProjectData,
} from "./project-files";
export { newProjectMeta, addWordsToHistory, localDate, type NewProjectOptions } from "./project-meta";
export { writeFileAtomic } from "./atomic-write";
export { ProjectPaths, OutsideProjectError, FileTooLargeError, isPlainName } from "./project-paths";
export { parseJsonFile, type JsonFormat } from "./json-file";
export { FileLock, FileLockBusyError, withFileLock } from "./file-lock";
export { writeTracked, type HashTracker } from "./tracked-write";
export { diffTexts, type DiffPart, type TextDiff, type DiffGranularity } from "../../shared/text/diff";
export type { SnapshotInfo, Snapshot, SnapshotReason } from "./snapshots";
export type { TrashEntry } from "./trash";
