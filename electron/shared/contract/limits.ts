/**
 * Limits the writer can meet, shared by the contract, the backend and the studio, so each is
 * refused with a clear error before any work starts (and before a large file is even sent).
 */

/** The largest file the studio imports: a DOCX with its pictures, a long Markdown manuscript. */
export const MAX_IMPORT_FILE_BYTES = 64 * 1024 * 1024;

/** The same file as the base64 text that carries it over the contract. */
export const MAX_IMPORT_BASE64_CHARS = Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4;

/**
 * The longest text the monitors check at once (about 350,000 words): the lexical pass costs
 * time in proportion to the text and the story bible, and runs again at every pause in typing.
 */
export const MAX_CHECK_CHARS = 2_000_000;

export const MiB = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MiB`;
