/** What an import would create, shown to the writer before anything is written. */
export interface PreviewUnit {
  title: string;
  /** 0 = top level of the imported tree */
  level: number;
  /** Markdown body, in the codec's canonical form */
  body: string;
  synopsis: string;
  notes: string;
  words: number;
}

export interface ImportPreview {
  /** the file or folder read */
  source: string;
  format: "md" | "docx" | "txt" | "md-folder";
  /** a title found in the source (front matter, a Title paragraph), else the file name */
  title: string;
  author: string;
  language: string;
  units: PreviewUnit[];
  /** level names for the project, one per unit level used */
  levels: string[];
  /** things the writer should know: "no headings: one unit", warnings from the DOCX reader… */
  notes: string[];
}

export interface ImportOptions {
  /** headings of this level and above (1 = only `#`) start a new unit; default 2 */
  splitLevel?: number;
  /** project language (BCP-47) if the source does not say; default "en" */
  language?: string;
  /** override the detected title/author */
  title?: string;
  author?: string;
}

/** Bad input: the message names the file and says what is wrong. Nothing has been written. */
export class ImportError extends Error {
  override name = "ImportError";
  constructor(
    readonly file: string,
    /** what is wrong, without the file name (to rebuild the error where a worker sent it) */
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}
