import { useState, type CSSProperties } from "react";
import type { z } from "zod";
import type { strategy as strategySchema } from "../../../electron/shared/contract/drafting";
import { client } from "../client";
import { useAction } from "../use-action";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { LengthChart, ProgressChart } from "./charts";
import { CallViewer } from "./CallViewer";
import { useDrafting, type RunUnit } from "./drafting-store";

type Strategy = z.infer<typeof strategySchema>;

function UnitRow({ u, tolerance, open, calls }: { u: RunUnit; tolerance: number; open: (id: string) => void; calls: (id: string) => void }) {
  const pct = u.targetWords ? Math.min(130, (100 * u.words) / u.targetWords) : 0;
  const within = u.state === "done" && Math.abs(u.words - u.targetWords) <= u.targetWords * tolerance;
  return (
    <li className={`run-unit ${u.state}`} data-testid="run-unit" data-plan-id={u.planId} data-state={u.state} data-words={u.words} data-target={u.targetWords}>
      <div className="run-unit-head">
        <button type="button" className="link" disabled={!u.unitId} onClick={() => u.unitId && open(u.unitId)}>{u.heading}</button>
        <span className="muted">{t.drafting.run.unitState[u.state]}</span>
        <span className="count">{u.words.toLocaleString()} / {u.targetWords.toLocaleString()}</span>
        {u.unitId && u.state !== "queued" && u.state !== "stopped" ? (
          <button type="button" className="small quiet" aria-label={t.drafting.run.callsOf(u.heading)} onClick={() => calls(u.unitId!)}>
            {t.drafting.run.calls}
          </button>
        ) : null}
      </div>
      {u.state === "failed" && u.failure ? <p className="callout error" data-testid="unit-failure">{u.failure}</p> : null}
      <div className="length-bar" role="meter" aria-label={t.drafting.run.lengthOf(u.heading)} aria-valuemin={0} aria-valuemax={u.targetWords} aria-valuenow={u.words}>
        <span className="band" style={{ "--band-from": (1 - tolerance) / 1.3, "--band-width": (2 * tolerance) / 1.3 } as CSSProperties} />
        <span className={within ? "fill ok" : "fill"} style={{ "--fill": pct / 130 } as CSSProperties} />
      </div>
      {u.obligations.length > 0 ? (
        <ul className="checklist" aria-label={t.drafting.run.obligationsOf(u.heading)}>
          {u.obligations.map((o) => (
            <li key={o.id} data-testid="obligation" data-met={String(o.met)} className={o.met === true ? "met" : o.met === false ? "unmet" : "unknown"}>
              <span aria-hidden="true">{o.met === true ? "✓" : o.met === false ? "✗" : "?"}</span> {o.text}
              <span className="muted"> — {o.met === true ? t.drafting.run.met : o.met === false ? t.drafting.run.unmet : t.drafting.run.unknown}{o.by === "judge" ? `, ${t.drafting.run.byJudge}` : ""}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {u.findings.length > 0 ? (
        <ul className="findings" aria-label={t.drafting.run.findingsOf(u.heading)}>
          {u.findings.map((f, i) => <li key={i} className={f.severity} data-testid="finding" data-monitor={f.monitor}>{f.message}{f.excerpt ? <q>{f.excerpt.slice(0, 120)}</q> : null}</li>)}
        </ul>
      ) : null}
    </li>
  );
}

const fmtEta = (s: number | null) => (s === null ? "—" : s < 90 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`);

/** The run: start, pause, resume, cancel; overall progress, ETA, speed, model; every unit's length filling live. */
export function RunScreen() {
  const handle = useApp((s) => s.project!.handle);
  const run = useDrafting((s) => s.run);
  const history = useApp((s) => s.project?.meta.history ?? []);
  const projectTarget = useApp((s) => s.project?.meta.targetWords ?? null);
  const plan = useDrafting((s) => s.plan?.plan);
  const [strategy, setStrategy] = useState<Strategy>("chapters");
  const [parallel, setParallel] = useState(2);
  const [autopilot, setAutopilot] = useState(false);
  const action = useAction(async (fn: () => Promise<unknown>) => {
    const r = await fn();
    if (r && typeof r === "object" && "runId" in r) useDrafting.getState().setRun(r as never);
  });
  const call = action.run;
  const busy = action.busy;
  const [viewing, setViewing] = useState<string | null | false>(false);
  const open = (unitId: string) => {
    useApp.getState().selectUnit(unitId);
    useDrafting.getState().setScreen("write");
  };
  const active = run?.status === "running" || run?.status === "pausing";
  const canStart = plan?.accepted && !active;
  // units with nothing said about what happens in them are drafted from the brief and their neighbours alone: said before a run
  const unplanned = plan?.units.filter((u) => u.isLeaf && !u.summary.trim()).length ?? 0;
  const p = run?.progress;
  const pct = p && p.unitsTotal ? Math.round((100 * p.unitsDone) / p.unitsTotal) : 0;

  return (
    <section className="drafting-screen run-screen" aria-label={t.drafting.run.heading}>
      <h2>{t.drafting.run.heading}</h2>
      <div className="screen-actions run-controls">
        <label>{t.drafting.run.strategy}
          <select value={strategy} onChange={(e) => setStrategy(e.target.value as Strategy)} disabled={active}>
            {(["chapters", "parallel", "sequential"] as const).map((s) => <option key={s} value={s}>{t.drafting.run.strategies[s]}</option>)}
          </select>
        </label>
        <label>{t.drafting.run.parallel}
          <input type="number" min={1} max={16} value={parallel} disabled={active} onChange={(e) => setParallel(Math.max(1, Math.min(16, Number(e.target.value) || 1)))} />
        </label>
        <label className="inline"><input type="checkbox" checked={run ? run.autopilot : autopilot}
          onChange={(e) => (run ? void call(() => client.call("run.setAutopilot", { handle, autopilot: e.target.checked })) : setAutopilot(e.target.checked))} /> {t.drafting.run.autopilot}</label>
        <button type="button" className="primary" disabled={!canStart || busy} onClick={() => void call(() => client.call("run.start", { handle, strategy, parallel, autopilot }))}>
          {run ? t.drafting.run.startNew : t.drafting.run.start}
        </button>
        {run?.status === "running" ? <button type="button" disabled={busy} onClick={() => void call(() => client.call("run.pause", { handle }))}>{t.drafting.run.pause}</button> : null}
        {run && ["paused", "interrupted", "failed", "cancelled", "finished-with-failures"].includes(run.status) ? (
          <button type="button" disabled={busy} onClick={() => void call(() => client.call("run.resume", { handle }))}>
            {run.status === "finished-with-failures" ? t.drafting.run.retryFailed : t.drafting.run.resume}
          </button>
        ) : null}
        {active ? <button type="button" disabled={busy} onClick={() => void call(() => client.call("run.cancel", { handle }))}>{t.drafting.run.cancel}</button> : null}
      </div>
      {!plan?.accepted ? <p className="muted">{t.drafting.run.needPlan}</p> : null}
      {plan?.accepted && !active && unplanned > 0 ? <p className="callout" data-testid="run-unplanned">{t.drafting.run.unplanned(unplanned)}</p> : null}
      {run && p ? (
        <>
          <div className="run-summary" data-testid="run-summary" data-status={run.status}>
            <span className={`badge status-${run.status}`} data-testid="run-status" data-status={run.status}>
              {run.status === "finished-with-failures" ? t.drafting.run.finishedWithFailures(run.units.filter((u) => u.state === "failed").length) : t.drafting.run.statuses[run.status]}
            </span>
            <progress max={100} value={pct} aria-label={t.drafting.run.overall} data-testid="run-progress" />
            <span data-testid="run-units">
              {t.drafting.run.units(p.unitsDone, p.unitsTotal)}
              {p.unitsDrafting > 0 ? ` · ${t.drafting.run.writing(p.unitsDrafting)}` : ""}
            </span>
            <span data-testid="run-words">{p.words.toLocaleString()} {run.countUnit}</span>
            {/* a run that has stopped promises no time left, and its speed is what it averaged, not a speed now */}
            {active ? <span data-testid="run-eta">{t.drafting.run.eta(fmtEta(p.etaSeconds))}</span> : null}
            <span data-testid="tokens-per-second">{active ? t.drafting.run.speed(p.tokensPerSecond) : t.drafting.run.averageSpeed(p.tokensPerSecond)}</span>
            <span>{t.drafting.run.tokens(p.tokens)}</span>
            {run.concurrency ? (
              <span data-testid="run-concurrency">{t.drafting.run.concurrency(run.concurrency.reached, run.concurrency.asked, run.concurrency.sequences)}</span>
            ) : null}
            {run.model ? <span className="muted">{t.drafting.run.model(run.model.name, run.model.backend)}</span> : null}
          </div>
          {run.status === "interrupted" ? <p className="callout">{t.drafting.run.interrupted}</p> : null}
          {run.error ? <p className="callout error" role="alert">{run.error}</p> : null}
          <LengthChart units={run.units.map((u) => ({ ...u, pending: u.state !== "done" }))} tolerance={run.tolerance} countUnit={run.countUnit} />
          <ProgressChart
            points={run.history}
            target={plan?.targetWords ?? p.words}
            countUnit={run.countUnit}
            xUnit="seconds"
            title={t.drafting.run.progressChart}
            targetLabel={t.drafting.run.targetLine(plan?.targetWords ?? p.words, run.countUnit)}
          />
          <ol className="run-units">{run.units.map((u) => <UnitRow key={u.planId} u={u} tolerance={run.tolerance} open={open} calls={(id) => setViewing(id)} />)}</ol>
        </>
      ) : null}
      {history.length > 1 ? (
        <ProgressChart
          points={cumulative(history)}
          target={projectTarget ?? 0}
          countUnit={t.units.words}
          xUnit="days"
          title={t.drafting.run.projectProgress}
          targetLabel={t.drafting.run.targetLine(projectTarget ?? 0, t.units.words)}
        />
      ) : null}
      {viewing !== false ? <CallViewer unitId={viewing} onClose={() => setViewing(false)} /> : null}
    </section>
  );
}

/** The writer's own words by day, summed: the project's progress over time (x in days). */
function cumulative(history: { date: string; words: number }[]): [number, number][] {
  const sorted = [...history].sort((a, b) => a.date.localeCompare(b.date));
  const day0 = Date.parse(sorted[0]!.date);
  let sum = 0;
  return sorted.map((h) => [(Date.parse(h.date) - day0) / 86_400_000, (sum += h.words)]);
}
