import { useState } from "react";
import { client } from "../client";
import { useAction } from "../use-action";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { useDrafting, type ProposalView } from "./drafting-store";

/** Long unchanged stretches shrink to their edges, so the changes are what the eye finds. */
function compact(parts: ProposalView["parts"], keep = 160): ProposalView["parts"] {
  return parts.map((p, i) => {
    if (p.added || p.removed || p.value.length <= keep * 2 + 40) return p;
    const head = i === 0 ? "" : p.value.slice(0, keep);
    const tail = i === parts.length - 1 ? "" : p.value.slice(-keep);
    return { ...p, value: `${head} … ${tail}` };
  });
}

export function InlineDiff({ parts }: { parts: ProposalView["parts"] }) {
  return (
    <div className="diff inline-diff" data-testid="diff" tabIndex={0} aria-label={t.drafting.review.diffLabel}>
      {compact(parts).map((p, i) => <span key={i} className={p.added ? "added" : p.removed ? "removed" : undefined}>{p.value}</span>)}
    </div>
  );
}

function SideBySide({ parts: all }: { parts: ProposalView["parts"] }) {
  const parts = compact(all);
  return (
    <div className="side-by-side" data-testid="diff">
      <div className="diff" tabIndex={0} aria-label={t.drafting.review.before}><h4>{t.drafting.review.before}</h4>{parts.filter((p) => !p.added).map((p, i) => <span key={i} className={p.removed ? "removed" : undefined}>{p.value}</span>)}</div>
      <div className="diff" tabIndex={0} aria-label={t.drafting.review.after}><h4>{t.drafting.review.after}</h4>{parts.filter((p) => !p.removed).map((p, i) => <span key={i} className={p.added ? "added" : undefined}>{p.value}</span>)}</div>
    </div>
  );
}

/** Proposals the run left: a diff against the text they were made for; accept, reject or edit, and undo either. */
export function ReviewScreen() {
  const handle = useApp((s) => s.project!.handle);
  const proposals = useDrafting((s) => s.proposals);
  const [selected, setSelected] = useState<string | null>(null);
  const [mode, setMode] = useState<"inline" | "side">("inline");
  const [editing, setEditing] = useState<string | null>(null);
  const [filter, setFilter] = useState<"pending" | "all">("pending");
  const shown = proposals.filter((p) => filter === "all" || p.status === "pending");
  const current = proposals.find((p) => p.id === selected) ?? shown[0] ?? null;

  const action = useAction(async (fn: () => Promise<{ proposal: ProposalView }>) => {
    const { proposal } = await fn();
    setSelected(proposal.id);
    setEditing(null);
    useDrafting.getState().setProposals(await client.call("proposals.list", { handle }));
  });
  const act = action.run;

  return (
    <section className="drafting-screen review-screen" aria-label={t.drafting.review.heading}>
      <h2>{t.drafting.review.heading}</h2>
      <div className="screen-actions">
        <label className="inline"><input type="radio" name="filter" checked={filter === "pending"} onChange={() => setFilter("pending")} /> {t.drafting.review.pending(proposals.filter((p) => p.status === "pending").length)}</label>
        <label className="inline"><input type="radio" name="filter" checked={filter === "all"} onChange={() => setFilter("all")} /> {t.drafting.review.all(proposals.length)}</label>
        <label className="inline"><input type="checkbox" checked={mode === "side"} onChange={(e) => setMode(e.target.checked ? "side" : "inline")} /> {t.drafting.review.sideBySide}</label>
      </div>
      {proposals.length === 0 ? <p className="muted">{t.drafting.review.none}</p> : null}
      <div className="review-layout">
        <ul className="proposal-list" aria-label={t.drafting.review.list}>
          {shown.map((p) => (
            <li key={p.id} data-testid="proposal" data-id={p.id} data-plan-id={p.planId} data-status={p.status} data-stale={p.stale} className={current?.id === p.id ? "selected" : undefined}>
              <button type="button" className="link" onClick={() => setSelected(p.id)}>{p.heading}</button>
              <span className={`badge status-${p.status}`}>{t.drafting.review.statuses[p.status]}{p.decidedBy === "autopilot" ? ` · ${t.drafting.review.autopilot}` : ""}</span>
              {p.stale ? <span className="badge error">{t.drafting.review.stale}</span> : null}
            </li>
          ))}
        </ul>
        {current ? (
          <article className="proposal" data-testid="proposal-detail" data-id={current.id} data-status={current.status}>
            <h3>{current.heading}</h3>
            <ul className="reasons">{current.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
            <p className="muted">{t.drafting.review.errors(current.errorsBefore, current.errorsAfter)}</p>
            {editing !== null ? (
              <textarea className="edit-proposal" rows={12} aria-label={t.drafting.review.editLabel} value={editing} onChange={(e) => setEditing(e.target.value)} />
            ) : mode === "inline" ? <InlineDiff parts={current.parts} /> : <SideBySide parts={current.parts} />}
            <div className="screen-actions">
              {current.status === "pending" ? (
                <>
                  <button type="button" className="primary" disabled={current.stale}
                    onClick={() => void act(() => client.call("proposals.decide", { handle, id: current.id, decision: "accept", ...(editing !== null ? { editedText: editing } : {}) }))}>
                    {editing !== null ? t.drafting.review.acceptEdited : t.drafting.review.accept}
                  </button>
                  <button type="button" onClick={() => void act(() => client.call("proposals.decide", { handle, id: current.id, decision: "reject" }))}>{t.drafting.review.reject}</button>
                  {editing === null ? <button type="button" onClick={() => setEditing(current.after)}>{t.drafting.review.edit}</button> : <button type="button" onClick={() => setEditing(null)}>{t.drafting.review.cancelEdit}</button>}
                </>
              ) : current.decidedBy === "writer" || (current.decidedBy === "autopilot" && current.status === "accepted") ? (
                <button type="button" onClick={() => void act(() => client.call("proposals.undo", { handle, id: current.id }))}>{t.drafting.review.undo(current.status)}</button>
              ) : null}
              {current.unitId ? <button type="button" onClick={() => { useApp.getState().selectUnit(current.unitId!); useDrafting.getState().setScreen("write"); }}>{t.drafting.review.openUnit}</button> : null}
            </div>
            {current.stale ? (
              <p className="callout error">
                {t.drafting.review.staleHint}{" "}
                <button type="button" onClick={() => void act(() => client.call("proposals.regenerate", { handle, id: current.id }))}>{t.drafting.review.regenerate}</button>
              </p>
            ) : null}
          </article>
        ) : null}
      </div>
    </section>
  );
}
