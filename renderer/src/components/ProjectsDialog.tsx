import { useApp } from "../state/app-store";
import { t } from "../strings";
import { ProjectsPanel } from "./ProjectPicker";
import { Dialog } from "./ui/Dialog";

/** The project list from inside a book: open another, create one, import a manuscript. */
export function ProjectsDialog({ onClose }: { onClose: () => void }) {
  const current = useApp((s) => s.project?.handle);
  return (
    <Dialog title={t.projects.all} onClose={onClose} size="large" className="projects-dialog" testId="projects-dialog">
      <ProjectsPanel current={current} onOpened={onClose} />
    </Dialog>
  );
}
