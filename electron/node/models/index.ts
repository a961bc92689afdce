/** Model files: the curated catalog, downloads, GGUF validation, and the writer's model list. */
export { loadCatalog, CatalogEntry, Catalog } from "./catalog";
export { ModelDownload, DownloadError, diskFreeBytes, sha256File, type DownloadOptions, type DownloadProgress, type DownloadResult } from "./model-download";
export { inspectGguf, isSupportedArchitecture, GgufInspectError, type GgufSummary, type GgufProblem } from "./gguf-inspect";
export { ModelLibrary, LibraryEntry, type StartedDownload } from "./model-library";
