import type { UnitEditor } from "./unit-editor";

/** The mounted editor, for actions outside React (menu commands, external-change events). */
export const editorRegistry: { current: UnitEditor | null } = { current: null };
