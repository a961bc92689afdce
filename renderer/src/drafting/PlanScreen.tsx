import { useEffect, useState, type CSSProperties } from "react";
import { rebalanceBudgets } from "../../../electron/shared/drafting/rebalance";
import { client } from "../client";
import { useAction } from "../use-action";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { useDrafting, type PlanState } from "./drafting-store";
import { UnitStates, type StatesEdit } from "./UnitStates";

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
  const [useModel, setUseModel] = useState(false);
  const [rebalance, setRebalance] = useState(true);
  const action = useAction((fn: () => Promise<void>) => fn());
  const act = action.run;
  const busy = action.busy;
  const build = () => act(async () => useDrafting.getState().setPlan(await client.call("plan.build", { handle, useModel })));
  const update = (units: { id: string; title?: string; summary?: string; targetWords?: number }[]) =>
    act(async () => useDrafting.getState().setPlan(await client.call("plan.update", { handle, units })));
  const updateStates = (id: string, edit: StatesEdit) =>
    act(async () => useDrafting.getState().setPlan(await client.call("plan.updateStates", { handle, units: [{ id, ...edit }] })));
  const accept = () =>
    act(async () => {
      const r = await client.call("plan.accept", { handle });
      useDrafting.getState().setPlan(r.plan);
      useApp.getState().setUnits(r.units);
    });

  const plan = state?.plan;
  const leaves = plan?.units.filter((u) => u.isLeaf) ?? [];
  const sum = leaves.reduce((a, u) => a + u.targetWords, 0);
  const holds = plan ? sum === plan.targetWords : true;
  const maxBudget = Math.max(1, ...leaves.map((u) => u.targetWords));
  const setBudget = (unit: PlanUnit, n: number) => {
    if (!plan) return;
    if (!rebalance) return void update([{ id: unit.id, targetWords: n }]);
    const r = rebalanceBudgets(leaves.map((u) => ({ id: u.id, targetWords: u.targetWords, locked: u.fixedTarget })), unit.id, n, plan.targetWords);
    const changed = r.budgets.filter((b) => b.targetWords !== leaves.find((u) => u.id === b.id)!.targetWords);
    void update(changed.map((b) => ({ id: b.id, targetWords: b.targetWords })));
  };

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
                  <strong>{u.heading}</strong>
                  <input aria-label={t.drafting.plan.titleOf(u.heading)} placeholder={t.drafting.plan.titlePlaceholder} defaultValue={u.title}
                    onBlur={(e) => e.target.value !== u.title && void update([{ id: u.id, title: e.target.value }])} />
                  {u.isLeaf ? <BudgetInput unit={u} onCommit={(n) => setBudget(u, n)} /> : <span className="budget">{u.targetWords.toLocaleString()}</span>}
                  <span className="bar" aria-hidden="true"><span style={{ "--fill": u.targetWords / (u.isLeaf ? maxBudget : plan.targetWords) } as CSSProperties} /></span>
                  {u.fixedTarget ? <span className="badge">{t.drafting.plan.fixed}</span> : null}
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
              <button type="button" className="primary" disabled={busy || !holds} onClick={() => void accept()}>{t.drafting.plan.accept}</button>
              <span className="muted">{t.drafting.plan.acceptHint}</span>
            </div>
          ) : (
            <div className="screen-actions">
              <button type="button" className="primary" onClick={() => useDrafting.getState().setScreen("run")}>{t.drafting.plan.toRun}</button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
