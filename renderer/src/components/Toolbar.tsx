import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { Fragment, type ReactNode } from "react";
import { FORMATS } from "../editor/formatting";
import { t } from "../strings";
import { IconButton } from "./ui/IconButton";

/**
 * Formatting as one quiet row of icons (names in tooltips, shortcuts too); re-renders only when
 * what it shows changes (useEditorState selector). `end` holds the page's own toggles.
 */
export function Toolbar({ editor, end }: { editor: Editor; end?: ReactNode }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      active: FORMATS.map((f) => (f.active?.(e) ? "t" : "f")).join(""),
      editable: e.isEditable,
    }),
  });
  return (
    <div className="toolbar" role="toolbar" aria-label={t.format.label}>
      {FORMATS.map((f, i) => (
        <Fragment key={f.id}>
          {f.groupStart ? <span className="separator" aria-hidden="true" /> : null}
          <IconButton
            icon={f.icon}
            label={f.label}
            keys={f.keys}
            className="quiet small"
            aria-pressed={f.active ? state.active[i] === "t" : undefined}
            disabled={!state.editable}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => f.run(editor)}
          />
        </Fragment>
      ))}
      {end ? <span className="push">{end}</span> : null}
    </div>
  );
}
