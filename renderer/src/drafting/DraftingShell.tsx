import { useEffect } from "react";
import { reportError } from "../actions";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { BibleScreen } from "./BibleScreen";
import { BriefScreen } from "./BriefScreen";
import { listenToDrafting, loadDrafting } from "./drafting-events";
import { useDrafting, type Screen } from "./drafting-store";
import { PlanScreen } from "./PlanScreen";
import { ReviewScreen } from "./ReviewScreen";
import { RunScreen } from "./RunScreen";
import "./drafting.css";

const SCREENS: Screen[] = ["write", "brief", "plan", "run", "review", "bible"];

/** Subscribes to drafting events and loads the open project's plan, run and proposals. */
export function useDraftingSetup(): void {
  const handle = useApp((s) => s.project?.handle);
  const connected = useApp((s) => s.connected);
  useEffect(() => listenToDrafting(), []);
  useEffect(() => {
    useDrafting.getState().reset();
    if (handle && connected) loadDrafting(handle).catch(reportError);
  }, [handle, connected]);
}

export function DraftingNav() {
  const screen = useDrafting((s) => s.screen);
  const pending = useDrafting((s) => s.proposals.filter((p) => p.status === "pending").length);
  const running = useDrafting((s) => s.run?.status === "running");
  return (
    <nav className="drafting-nav" aria-label={t.drafting.nav.label}>
      {SCREENS.map((s) => (
        <button key={s} type="button" aria-current={screen === s ? "page" : undefined} onClick={() => useDrafting.getState().setScreen(s)}>
          {t.drafting.nav[s]}
          {s === "review" && pending > 0 ? <span className="count-badge">{pending}</span> : null}
          {s === "run" && running ? <span className="live-dot" aria-label={t.drafting.run.statuses.running} /> : null}
        </button>
      ))}
    </nav>
  );
}

/** The drafting screen in place of the editor (which stays mounted, keeping every unit's undo history). */
export function DraftingMain() {
  const screen = useDrafting((s) => s.screen);
  switch (screen) {
    case "brief":
      return <BriefScreen />;
    case "plan":
      return <PlanScreen />;
    case "run":
      return <RunScreen />;
    case "review":
      return <ReviewScreen />;
    case "bible":
      return <BibleScreen />;
    default:
      return null;
  }
}

/** While a run goes on: one line above the editor, so the writer sees it without leaving their unit. */
export function RunStrip() {
  const run = useDrafting((s) => s.run);
  const locked = useDrafting((s) => s.locked);
  const current = useApp((s) => s.currentUnitId);
  if (!run || (run.status !== "running" && run.status !== "pausing")) return null;
  const p = run.progress;
  return (
    <div className="run-strip" role="status" data-testid="run-strip">
      <progress max={p.unitsTotal || 1} value={p.unitsDone} aria-label={t.drafting.run.overall} />
      <span>{t.drafting.run.units(p.unitsDone, p.unitsTotal)}</span>
      {current && locked.includes(current) ? <strong>{t.editor.readOnly}</strong> : null}
    </div>
  );
}
