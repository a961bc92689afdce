import { localDate, wordsOn, wordsPerDayNeeded } from "../../../electron/shared/domain/progress";
import { useApp } from "../state/app-store";
import { useModels } from "../state/models-store";
import { t } from "../strings";
import { projectCountUnit } from "./EditorPane";

/** Unit words against target, project words against target, today's words, and the daily pace needed. */
export function StatusBar() {
  const project = useApp((s) => s.project);
  const unit = useApp((s) => s.project?.units.find((u) => u.id === s.currentUnitId));
  const words = useApp((s) => s.words);
  // the project's total waits for every unit's count (a moment after the project opens), never a partial sum
  const counted = useApp((s) => s.wordsCounted);
  const modelWords = useApp((s) => (s.currentUnitId ? (s.modelWords[s.currentUnitId] ?? 0) : 0));
  const saveState = useApp((s) => s.saveState);
  const connected = useApp((s) => s.connected);
  const loaded = useModels((s) => s.state?.loaded ?? null);
  const tps = useModels((s) => s.tokensPerSecond);
  const crashed = useModels((s) => s.state?.crash != null);
  if (!project) return null;
  const countUnit = projectCountUnit(project.meta.language, project.meta.settings.counter);
  const unitLabel = countUnit === "characters" ? t.units.characters : t.units.words;
  const liveIds = new Set(project.units.map((u) => u.id));
  const total = Object.entries(words).reduce((a, [id, n]) => (liveIds.has(id) ? a + n : a), 0);
  const target = project.meta.targetWords;
  const today = localDate(new Date());
  const pace = wordsPerDayNeeded(total, target, project.meta.deadline, today);
  const pct = target ? Math.min(100, Math.round((total / target) * 100)) : 0;
  const unitWords = unit ? (words[unit.id] ?? 0) : 0;
  return (
    <footer className="status-bar" aria-label="Status">
      {unit ? (
        <span data-testid="unit-words">{t.status.unitWords(unitWords, unit.targetWords, unitLabel)}</span>
      ) : null}
      {unit && modelWords > 0 ? (
        <span data-testid="model-words" title={t.status.provenanceHint}>
          {t.status.modelWords(modelWords, unitWords - modelWords)}
        </span>
      ) : null}
      {counted ? <span data-testid="project-words">{t.status.projectWords(total, target, unitLabel)}</span> : null}
      {counted && target ? (
        <progress max={100} value={pct} aria-label={`${pct}%`}>
          {pct}%
        </progress>
      ) : null}
      <span data-testid="today-words">{t.status.today(wordsOn(project.meta.history, today))}</span>
      {counted && pace ? <span>{t.status.perDay(pace.perDay, pace.days)}</span> : null}
      <span className="muted">{t.status.counter(countUnit)}</span>
      <button
        type="button"
        className="model-status quiet small"
        data-testid="model-status"
        onClick={() => useApp.getState().setModelsOpen(true)}
      >
        {crashed ? t.models.statusCrashed : loaded ? t.models.statusBar(loaded.name, loaded.backend.toUpperCase(), tps) : t.models.statusNone}
      </button>
      <span className="save-state" data-testid="save-state" role="status">
        {!connected ? t.editor.offline : saveState === "saving" ? t.editor.saving : saveState === "saved" ? t.editor.saved : t.editor.unsaved}
      </span>
    </footer>
  );
}
