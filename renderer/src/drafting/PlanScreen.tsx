import { useEffect, useState, type CSSProperties } from "react";
import { client } from "../client";
import { useAction } from "../use-action";
import { useApp } from "../state/app-store";
import { useModels } from "../state/models-store";
import { t } from "../strings";
import { useDrafting, type PlanState } from "./drafting-store";
import { UnitStates, type StatesEdit } from "./UnitStates";
import { AcceptPlanDialog, type AcceptChoice } from "./AcceptPlanDialog";
import { IconButton } from "../components/ui/IconButton";
import { PinIcon, UnpinIcon } from "../design/icons";

type PlanUnit = NonNullable<PlanState["plan"]>["units"][number];

/** Many units with the same warning read as one line. */
function groupIssues(issues: PlanState["issues"]): { severity: string; message: string }[] {
  const out: { severity: string; message: string }[] = [];
  const byCode = new Map<string, PlanState["issues"]>();
  for (const i of issues) byCode.set(i.code, [...(byCode.get(i.code) ?? []), i]);
  for (const [code, list] of byCode) {
    if (list.length > 3 && code === "no-summary") out.push({ severity: list[0]!.severity, message: t.drafting.plan.noSummaries(list.length) });
    else out.push(...list);
  }
  return out;
}

/** Commits on Enter or blur, so a half-typed number never rebalances the book. */
function BudgetInput({ unit, onCommit }: { unit: PlanUnit; onCommit: (n: number) => void }) {
  const [value, setValue] = useState(String(unit.targetWords));
  useEffect(() => setValue(String(unit.targetWords)), [unit.targetWords]);
  const commit = () => {
    const n = Math.round(Number(value));
    if (Number.isFinite(n) && n >= 1 && n !== unit.targetWords) onCommit(n);
    else setValue(String(unit.targetWords));
  };
  return (
    <input
      className="budget-input"
      type="number"
      min={1}
      aria-label={t.drafting.plan.budgetOf(unit.heading)}
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === "Enter" && commit()}
    />
  );
}

/** The plan as an outline: titles, summaries, budgets that rebalance, obligations, a placement map, review findings. */
export function PlanScreen() {
  const handle = useApp((s) => s.project!.handle);
  const state = useDrafting((s) => s.plan);
  const modelReady = useModels((s) => s.state !== null && (s.state.loaded !== null || s.state.installed.length > 0));
  const [modelChoice, setUseModel] = useState<boolean | null>(null);
  // with a model to hand, the plan is the model's to fill (titles, summaries, states at the joins) unless the writer says not
  const useModel = modelChoice ?? modelReady;
  const [rebalance, setRebalance] = useState(true);
  const action = useAction((fn: () => Promise<void>) => fn());
  const act = action.run;
  const busy = action.busy;
  const build = () => act(async () => useDrafting.getState().setPlan(await client.call("plan.build", { handle, useModel })));
  const update = (units: { id: string; title?: string; summary?: string; targetWords?: number }[]) =>
    act(async () => useDrafting.getState().setPlan(await client.call("plan.update", { handle, units })));
  const updateStates = (id: string, edit: StatesEdit) =>
    act(async () => useDrafting.getState().setPlan(await client.call("plan.updateStates", { handle, units: [{ id, ...edit }] })));
  const [askingHere, setAsking] = useState(false);
  // the palette's "Accept the plan" asks here too
  const askedElsewhere = useDrafting((s) => s.askAccept);
  const asking = askingHere || askedElsewhere;
  useEffect(() => () => useDrafting.getState().setAskAccept(false), []);
  const accept = (choice: AcceptChoice = { placement: null, total: "plan" }) =>
    act(async () => {
      const r = await client.call("plan.accept", { handle, ...choice });
      setAsking(false);
      useDrafting.getState().setAskAccept(false);
      useDrafting.getState().setPlan(r.plan);
      useApp.getState().setUnits(r.units);
    });
  const projectTarget = useApp((s) => s.project?.meta.targetWords ?? null);
  const hasUnits = useApp((s) => (s.project?.units.length ?? 0) > 0);

  const plan = state?.plan;
  const leaves = plan?.units.filter((u) => u.isLeaf) ?? [];
  const sum = leaves.reduce((a, u) => a + u.targetWords, 0);
  const holds = plan ? sum === plan.targetWords : true;
  const maxBudget = Math.max(1, ...leaves.map((u) => u.targetWords));
  // the backend pins what the writer sets and rebalances around the pins (refusing, with the numbers, what cannot hold)
  const setBudget = (unit: PlanUnit, n: number) =>
    void act(async () => useDrafting.getState().setPlan(await client.call("plan.setBudget", { handle, id: unit.id, targetWords: n, rebalance })));
  const pin = (unit: PlanUnit, pinned: boolean) =>
    void act(async () => useDrafting.getState().setPlan(await client.call("plan.pin", { handle, id: unit.id, pinned })));

  return (
    <section className="drafting-screen plan-screen" aria-label={t.drafting.plan.heading}>
      <h2>{t.drafting.plan.heading}</h2>
      <div className="screen-actions">
        {!plan?.accepted ? (
          <>
            <button type="button" onClick={() => void build()} disabled={busy}>{plan ? t.drafting.plan.rebuild : t.drafting.plan.build}</button>
            <label className="inline"><input type="checkbox" checked={useModel} onChange={(e) => setUseModel(e.target.checked)} /> {t.drafting.plan.useModel}</label>
          </>
        ) : <span className="badge ok">{t.drafting.plan.accepted}</span>}
        <label className="inline"><input type="checkbox" checked={rebalance} onChange={(e) => setRebalance(e.target.checked)} /> {t.drafting.plan.rebalance}</label>
      </div>
      {!plan ? <p className="muted">{t.drafting.plan.none}</p> : (
        <>
          <p data-testid="plan-total" className={holds ? "total ok" : "total error"} data-holds={holds}>
            {holds ? t.drafting.plan.totalHolds(sum, plan.countUnit) : t.drafting.plan.totalBroken(sum, plan.targetWords, plan.countUnit)}
          </p>
          {state.issues.length > 0 ? (
            <ul className="issues" aria-label={t.drafting.plan.issues}>
              {groupIssues(state.issues).map((i, k) => <li key={k} className={i.severity}>{i.message}</li>)}
            </ul>
          ) : null}
          <ol className="outline" aria-label={t.drafting.plan.outline}>
            {plan.units.map((u) => (
              <li key={u.id} className={u.isLeaf ? "leaf" : "branch"} style={{ "--depth": u.depth } as CSSProperties} data-testid="plan-unit" data-plan-id={u.id}>
                <div className="outline-row">
                  <span className="outline-heading">
                    <strong>{u.heading}</strong>
                    {u.fixedTarget ? <span className="badge" title={t.drafting.plan.pinnedHint}>{t.drafting.plan.pinned}</span> : null}
                  </span>
                  <input aria-label={t.drafting.plan.titleOf(u.heading)} placeholder={t.drafting.plan.titlePlaceholder} defaultValue={u.title}
                    onBlur={(e) => e.target.value !== u.title && void update([{ id: u.id, title: e.target.value }])} />
                  {u.isLeaf ? <BudgetInput unit={u} onCommit={(n) => setBudget(u, n)} /> : <span className="budget">{u.targetWords.toLocaleString()}</span>}
                  <span className="budget-meter" aria-hidden="true"><span style={{ "--fill": u.targetWords / (u.isLeaf ? maxBudget : plan.targetWords) } as CSSProperties} /></span>
                  {u.isLeaf ? (
                    <IconButton
                      icon={u.fixedTarget ? PinIcon : UnpinIcon}
                      label={u.fixedTarget ? t.drafting.plan.unpin(u.heading) : t.drafting.plan.pin(u.heading)}
                      className={u.fixedTarget ? "quiet small pin pinned" : "quiet small pin"}
                      aria-pressed={u.fixedTarget}
                      data-testid="budget-pin"
                      disabled={busy}
                      onClick={() => pin(u, !u.fixedTarget)}
                    />
                  ) : null}
                </div>
                {u.isLeaf ? (
                  <textarea className="summary" rows={1} aria-label={t.drafting.plan.summaryOf(u.heading)} placeholder={t.drafting.plan.summaryPlaceholder} defaultValue={u.summary}
                    onBlur={(e) => e.target.value !== u.summary && void update([{ id: u.id, summary: e.target.value }])} />
                ) : null}
                {u.beats.length > 0 ? <ul className="beats">{u.beats.map((b, k) => <li key={k}>{b}</li>)}</ul> : null}
                {u.isLeaf ? <UnitStates unit={u} onCommit={(edit) => void updateStates(u.id, edit)} /> : null}
                {state.issues.some((i) => i.unitId === u.id && i.severity === "error") ? (
                  <ul className="issues unit-issues" aria-label={t.drafting.plan.unitIssues(u.heading)} data-testid="unit-issues">
                    {state.issues.filter((i) => i.unitId === u.id && i.severity === "error").map((i, k) => <li key={k} className={i.severity}>{i.message}</li>)}
                  </ul>
                ) : null}
                {u.obligations.length > 0 ? (
                  <ul className="obligation-chips" aria-label={t.drafting.plan.obligationsOf(u.heading)}>
                    {u.obligations.map((id) => <li key={id} data-testid="plan-obligation">{plan.obligations.find((o) => o.id === id)?.text ?? id}</li>)}
                  </ul>
                ) : null}
              </li>
            ))}
          </ol>
          {plan.obligations.length > 0 ? (
            <figure className="placement-map">
              <figcaption>{t.drafting.plan.placementMap}</figcaption>
              <table data-testid="placement-map">
                <thead><tr><th scope="col">{t.drafting.plan.requirement}</th>{leaves.map((u) => <th key={u.id} scope="col" className="unit-col" title={u.title ? `${u.heading}: ${u.title}` : u.heading}><span>{u.title ? `${u.heading}: ${u.title}` : u.heading}</span></th>)}</tr></thead>
                <tbody>
                  {plan.obligations.map((o) => (
                    <tr key={o.id}>
                      <th scope="row" title={o.text}>{o.text.length > 48 ? `${o.text.slice(0, 47)}…` : o.text} <span className="muted">({o.placement})</span></th>
                      {leaves.map((u) => <td key={u.id} className={o.unitIds.includes(u.id) ? "placed" : ""} aria-label={o.unitIds.includes(u.id) ? u.heading : undefined}>{o.unitIds.includes(u.id) ? "●" : ""}</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </figure>
          ) : null}
          {!plan.accepted ? (
            <div className="screen-actions">
              <button type="button" className="primary" disabled={busy || !holds}
                onClick={() => (hasUnits || (projectTarget !== null && projectTarget !== plan.targetWords) ? setAsking(true) : void accept())}>{t.drafting.plan.accept}</button>
              <span className="muted">{t.drafting.plan.acceptHint}</span>
            </div>
          ) : (
            <div className="screen-actions">
              <button type="button" className="primary" onClick={() => useDrafting.getState().setScreen("run")}>{t.drafting.plan.toRun}</button>
            </div>
          )}
        </>
      )}
      {asking && plan ? <AcceptPlanDialog planTotal={plan.targetWords} busy={busy} onAccept={(c) => void accept(c)} onClose={() => {
        setAsking(false);
        useDrafting.getState().setAskAccept(false);
      }} /> : null}
    </section>
  );
}
