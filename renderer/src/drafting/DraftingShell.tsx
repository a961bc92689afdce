import { useEffect, useRef } from "react";
import { reportError } from "../actions";
import { client } from "../client";
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
    if (handle && connected) {
      loadDrafting(handle).catch(reportError);
      client.call("bible.list", { handle }).then((e) => useDrafting.getState().setMentionNames(e), () => {});
    }
  }, [handle, connected]);
}

export function DraftingNav() {
  const screen = useDrafting((s) => s.screen);
  const pending = useDrafting((s) => s.proposals.filter((p) => p.status === "pending").length);
  const running = useDrafting((s) => s.run?.status === "running");
  return (
    <nav className="drafting-nav" aria-label={t.drafting.nav.label}>
      {SCREENS.map((s) => (
        <button key={s} type="button" className="quiet" aria-current={screen === s ? "page" : undefined} onClick={() => useDrafting.getState().setScreen(s)}>
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

/** The open unit while the run writes it: its text as it streams in, until the draft lands in the editor. */
export function LiveDraft() {
  const current = useApp((s) => s.currentUnitId);
  const text = useDrafting((s) => (current ? s.live[current] : undefined));
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [text]);
  if (text === undefined) return null;
  return (
    <div className="live-draft" ref={box} role="region" tabIndex={0} aria-label={t.drafting.run.liveDraft} data-testid="live-draft">
      {text}
    </div>
  );
}

/** While a run goes on: one line above the editor, so the writer sees it without leaving their unit. */
export function RunStrip() {
  // primitives only: live length deltas for other units must not re-render the writer's screen
  const active = useDrafting((s) => s.run?.status === "running" || s.run?.status === "pausing");
  const done = useDrafting((s) => s.run?.progress.unitsDone ?? 0);
  const total = useDrafting((s) => s.run?.progress.unitsTotal ?? 0);
  const current = useApp((s) => s.currentUnitId);
  const readOnly = useDrafting((s) => current !== null && s.locked.includes(current));
  if (!active) return null;
  return (
    <div className="run-strip" role="status" data-testid="run-strip">
      <progress max={total || 1} value={done} aria-label={t.drafting.run.overall} />
      <span>{t.drafting.run.units(done, total)}</span>
      {readOnly ? <strong>{t.editor.readOnly}</strong> : null}
    </div>
  );
}
