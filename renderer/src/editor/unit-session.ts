import type { EditorState } from "@tiptap/pm/state";

/**
 * What the studio keeps for each unit opened in this session: its full EditorState (so
 * switching back keeps the undo history), the file version it is based on, and save bookkeeping.
 */
export interface UnitSession {
  id: string;
  state: EditorState;
  /** version of the file on disk this text is based on */
  version: number;
  /** Markdown as last saved or loaded; compared to decide whether a save is needed */
  savedMarkdown: string;
  /** the writer's own words (total minus model-written) at the last save, for today's count */
  savedWriterWords: number;
  dirty: boolean;
  /** unsaved text went to the journal since the last save */
  journaled: boolean;
  readOnly: boolean;
  /** the caret was put back where the writer left it (once per session) */
  placed: boolean;
}
