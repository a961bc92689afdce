import { useEffect, useState } from "react";
import type { BriefForm, BriefNoteView } from "../../../electron/shared/contract/drafting";
import { describePlacement } from "../../../electron/shared/drafting/describe-placement";
import { client } from "../client";
import { runAction, useAction } from "../use-action";
import { updateProjectMeta } from "../actions";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { useDrafting } from "./drafting-store";

type Placement = BriefForm["requirements"][number]["placement"];
type Provenance = Record<string, "front-matter" | "prose" | "default" | "model">;

const blank = (title: string, language: string, levels: string[]): BriefForm => ({
  title,
  kind: "novel",
  language,
  premise: "",
  instructions: "",
  length: { total: 10_000, unit: "words", tolerance: 0.1 },
  structure: [{ name: levels[levels.length - 1] ?? "Chapter", count: 10 }],
  calendar: null,
  requirements: [],
  style: { pov: "", tense: "", tone: "", audience: "", voiceSample: "", avoid: [] },
});

type EditableKind = "once" | "range" | "periodic" | "last" | "date" | "anywhere";
const PLACEMENTS: EditableKind[] = ["once", "range", "periodic", "last", "date", "anywhere"];
type Notes = { unresolved: BriefNoteView[]; assumed: BriefNoteView[] };
type Settled = Record<string, "accepted" | "other" | "picked" | "dropped">;

function defaultPlacement(kind: EditableKind, level: string): Placement {
  switch (kind) {
    case "once":
      return { kind, level, index: 1 };
    case "range":
      return { kind, level, from: 1, to: 2 };
    case "periodic":
      return { kind, level, every: 2, start: 1 };
    case "last":
      return { kind, level };
    case "date":
      return { kind, date: "01-01" };
    case "anywhere":
      return { kind };
  }
}

/** "3, 5-7" → [3, 5, 6, 7]; null when it is not a list of unit numbers. */
function unitList(text: string): number[] | null {
  const out: number[] = [];
  for (const part of text.split(/[,;\s]+/).filter(Boolean)) {
    const m = /^(\d+)(?:[-–](\d+))?$/.exec(part);
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    for (let n = Math.min(a, b); n <= Math.max(a, b) && out.length < 1000; n++) out.push(n);
  }
  return out.length > 0 && out.every((n) => n >= 1) ? out : null;
}

const num = (v: string, fallback: number) => (Number.isFinite(Number(v)) && v.trim() !== "" ? Math.max(1, Math.round(Number(v))) : fallback);

/** The brief as a form; a brief pasted in plain words fills it, for the writer to confirm. */
export function BriefScreen() {
  const project = useApp((s) => s.project)!;
  const [form, setForm] = useState<BriefForm | null>(null);
  const [provenance, setProvenance] = useState<Provenance>({});
  const [pasted, setPasted] = useState("");
  const [status, setStatus] = useState<"clean" | "unconfirmed" | "dirty" | "saved">("clean");
  const [error, setError] = useState<string | null>(null);
  const [notes, setNotes] = useState<Notes>({ unresolved: [], assumed: [] });
  const [settled, setSettled] = useState<Settled>({});
  const [picking, setPicking] = useState<{ id: string; text: string } | null>(null);
  const [planAnyway, setPlanAnyway] = useState(false);
  const handle = project.handle;
  const projectTarget = project.meta.targetWords;

  useEffect(() => {
    void runAction(async () => {
      const r = await client.call("brief.read", { handle });
      setForm(r.form ?? blank(project.meta.title, project.meta.language, project.meta.levels));
      setNotes(r.notes ?? { unresolved: [], assumed: [] });
      setError(r.error);
    });
  }, [handle]);
  const readPasted = useAction(async () => {
    const r = await client.call("brief.fromText", { handle, text: pasted });
    setForm(r.form);
    setProvenance(r.provenance);
    setNotes(r.notes ?? { unresolved: [], assumed: [] });
    setSettled({});
    setPlanAnyway(false);
    setStatus("unconfirmed");
    setError(null);
  });
  const save = useAction(async (form: BriefForm) => {
    await client.call("brief.save", { handle, form });
    setStatus("saved");
    setError(null);
  });

  if (!form) return <section className="drafting-screen" aria-busy="true" />;
  const edit = (patch: Partial<BriefForm>) => {
    setForm({ ...form, ...patch });
    setStatus((s) => (s === "unconfirmed" ? s : "dirty"));
  };
  const levelNames = form.structure.map((l) => l.name);
  const deepest = levelNames[levelNames.length - 1] ?? "Chapter";

  const allNotes = [...notes.unresolved, ...notes.assumed];
  const open = allNotes.filter((n) => !settled[n.id]);
  const settle = (n: BriefNoteView, how: Settled[string]) => setSettled((x) => ({ ...x, [n.id]: how }));
  const setRequirementPlacement = (index: number, placement: Placement) =>
    edit({ requirements: form.requirements.map((x, j) => (j === index ? { ...x, placement } : x)) });
  const takeOther = (n: BriefNoteView) => {
    const change = n.alternative?.change;
    if (!change) return;
    if (change.kind === "placement" && n.requirement !== null) setRequirementPlacement(n.requirement, change.placement);
    else if (change.kind === "length") edit({ length: { ...form.length, total: change.total } });
    else if (change.kind === "structure") edit({ structure: change.structure.map((l) => ({ name: l.name, count: l.count, ...(l.counts ? { counts: l.counts } : {}) })) });
    else if (change.kind === "grid") edit({ structure: form.structure.map((l) => (l.grid ? { ...l, grid: change.grid } : l)) });
    settle(n, "other");
  };
  const pickUnits = (n: BriefNoteView, text: string) => {
    const units = unitList(text);
    if (!units || n.requirement === null) return setError(t.drafting.brief.pickUnitsLabel);
    setRequirementPlacement(n.requirement, units.length === 1 ? { kind: "once", level: deepest, index: units[0]! } : { kind: "set", level: deepest, indices: units });
    setPicking(null);
    settle(n, "picked");
  };
  const drop = (n: BriefNoteView) => {
    if (n.requirement === null) return;
    const gone = n.requirement;
    edit({ requirements: form.requirements.filter((_, j) => j !== gone) });
    // the items after the dropped one move up by one
    const shift = (x: BriefNoteView) => (x.requirement !== null && x.requirement > gone ? { ...x, requirement: x.requirement - 1 } : x.requirement === gone && x.id !== n.id ? { ...x, requirement: null } : x);
    setNotes({ unresolved: notes.unresolved.map(shift), assumed: notes.assumed.map(shift) });
    settle(n, "dropped");
  };
  const noteItem = (n: BriefNoteView) => (
    <li key={n.id} data-testid="brief-note" data-settled={settled[n.id] ?? ""}>
      <q>{n.text || form.title}</q> <span className="muted">{n.why}</span>
      {settled[n.id] ? <span className="provenance" role="status">{t.drafting.brief.settled}</span> : (
        <div className="note-actions">
          <button type="button" onClick={() => settle(n, "accepted")}>{t.drafting.brief.accept}</button>
          <button type="button" disabled={!n.alternative} title={n.alternative?.description} onClick={() => takeOther(n)}>
            {t.drafting.brief.otherReading}{n.alternative ? `: ${n.alternative.description}` : ""}
          </button>
          <button type="button" disabled={n.requirement === null} onClick={() => setPicking({ id: n.id, text: "" })}>{t.drafting.brief.pickUnits}</button>
          <button type="button" disabled={n.requirement === null} onClick={() => drop(n)}>{t.drafting.brief.drop}</button>
        </div>
      )}
      {picking?.id === n.id ? (
        <span className="pick-units">
          <label>{t.drafting.brief.pickUnitsLabel}<input value={picking.text} onChange={(e) => setPicking({ id: n.id, text: e.target.value })} /></label>
          <button type="button" onClick={() => pickUnits(n, picking.text)}>{t.drafting.brief.place}</button>
        </span>
      ) : null}
    </li>
  );

  const from = (key: string) =>
    provenance[key] === "prose" ? <span className="provenance">{t.drafting.brief.readFromText}</span> : provenance[key] === "default" ? <span className="provenance muted">{t.drafting.brief.defaulted}</span> : null;

  return (
    <section className="drafting-screen brief-screen" aria-label={t.drafting.brief.heading}>
      <h2>{t.drafting.brief.heading}</h2>
      <details className="paste" open={!form.premise && form.requirements.length === 0}>
        <summary>{t.drafting.brief.pasteHeading}</summary>
        <label>
          {t.drafting.brief.pasteLabel}
          <textarea rows={6} value={pasted} onChange={(e) => setPasted(e.target.value)} placeholder={t.drafting.brief.pastePlaceholder} />
        </label>
        <button type="button" onClick={() => void readPasted.run()} disabled={!pasted.trim() || readPasted.busy}>
          {t.drafting.brief.read}
        </button>
      </details>
      {status === "unconfirmed" ? <p className="callout" role="status">{t.drafting.brief.confirm}</p> : null}
      {error ? <p className="callout error" role="alert">{error}</p> : null}
      {/* one target for the book: where the brief and the project differ, the writer says which holds (words only: a target in characters is the brief's own) */}
      {projectTarget !== null && form.length.unit === "words" && projectTarget !== form.length.total ? (
        <div className="callout" role="group" aria-label={t.drafting.brief.targetsDiffer(form.length.total, projectTarget, t.units.words)} data-testid="targets-differ">
          <p>{t.drafting.brief.targetsDiffer(form.length.total, projectTarget, t.units.words)}</p>
          <div className="note-actions">
            <button type="button" onClick={() => void updateProjectMeta({ targetWords: form.length.total })}>{t.drafting.brief.useBriefTarget(form.length.total)}</button>
            <button type="button" onClick={() => edit({ length: { ...form.length, total: projectTarget } })}>{t.drafting.brief.useProjectTarget(projectTarget)}</button>
          </div>
        </div>
      ) : null}
      {allNotes.length > 0 ? (
        <section className="brief-notes" aria-label={t.drafting.brief.notes}>
          <h3>{t.drafting.brief.notes}</h3>
          {notes.unresolved.length > 0 ? (<>
            <h4>{t.drafting.brief.notUnderstood}</h4>
            <ul data-testid="not-understood">{notes.unresolved.map(noteItem)}</ul>
          </>) : null}
          {notes.assumed.length > 0 ? (<>
            <h4>{t.drafting.brief.assumed}</h4>
            <ul data-testid="assumed">{notes.assumed.map(noteItem)}</ul>
          </>) : null}
        </section>
      ) : null}

      <div className="form-grid">
        <label>{t.drafting.brief.title} {from("title")}<input value={form.title} onChange={(e) => edit({ title: e.target.value })} /></label>
        <label>{t.drafting.brief.kind}<input value={form.kind} onChange={(e) => edit({ kind: e.target.value })} /></label>
        <label>{t.drafting.brief.language} {from("language")}<input value={form.language} onChange={(e) => edit({ language: e.target.value })} /></label>
        <label className="wide">{t.drafting.brief.premise}<textarea rows={3} value={form.premise} onChange={(e) => edit({ premise: e.target.value })} /></label>
        <label>{t.drafting.brief.total} {from("length")}
          <input type="number" min={1} value={form.length.total} onChange={(e) => edit({ length: { ...form.length, total: num(e.target.value, form.length.total) } })} />
        </label>
        <label>{t.drafting.brief.countUnit}
          <select value={form.length.unit} onChange={(e) => edit({ length: { ...form.length, unit: e.target.value as "words" | "characters" } })}>
            <option value="words">{t.units.words}</option>
            <option value="characters">{t.units.characters}</option>
          </select>
        </label>
        <label>{t.drafting.brief.tolerance}
          <input type="number" min={0} max={100} value={Math.round(form.length.tolerance * 100)} onChange={(e) => edit({ length: { ...form.length, tolerance: Math.min(1, Math.max(0, Number(e.target.value) / 100)) } })} />
        </label>
      </div>

      <fieldset>
        <legend>{t.drafting.brief.structure} {from("structure")}</legend>
        <table className="rows">
          <thead><tr><th>{t.drafting.brief.level}</th><th>{t.drafting.brief.count}</th><th>{t.drafting.brief.headingPattern}</th><th /></tr></thead>
          <tbody>
            {form.structure.map((l, i) => (
              <tr key={i} data-testid="structure-level">
                <td><input aria-label={t.drafting.brief.level} value={l.name} onChange={(e) => edit({ structure: form.structure.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })} /></td>
                <td><input aria-label={t.drafting.brief.count} type="number" min={1} value={l.count} onChange={(e) => edit({ structure: form.structure.map((x, j) => (j === i ? { ...x, count: num(e.target.value, x.count) } : x)) })} /></td>
                <td><input aria-label={t.drafting.brief.headingPattern} value={l.heading ?? ""} placeholder="{level} {n}" onChange={(e) => edit({ structure: form.structure.map((x, j) => (j === i ? { ...x, heading: e.target.value || undefined } : x)) })} /></td>
                <td><button type="button" disabled={form.structure.length < 2} onClick={() => edit({ structure: form.structure.filter((_, j) => j !== i) })}>{t.drafting.remove}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => edit({ structure: [...form.structure, { name: t.drafting.brief.newLevel, count: 2 }] })}>{t.drafting.brief.addLevel}</button>
        <div className="form-grid calendar">
          <label className="inline">
            <input type="checkbox" checked={form.calendar !== null}
              onChange={(e) => edit({ calendar: e.target.checked ? { start: `${new Date().getFullYear()}-01-01`, period: "week" } : null })} />
            {t.drafting.brief.calendar} {from("calendar")}
          </label>
          {form.calendar ? (
            <>
              <label>{t.drafting.brief.calendarStart}<input type="date" value={form.calendar.start} onChange={(e) => e.target.value && edit({ calendar: { ...form.calendar!, start: e.target.value } })} /></label>
              <label>{t.drafting.brief.calendarPeriod}
                <select value={form.calendar.period} onChange={(e) => edit({ calendar: { ...form.calendar!, period: e.target.value as "day" | "week" | "month" } })}>
                  {(["day", "week", "month"] as const).map((p) => <option key={p} value={p}>{t.drafting.brief.periods[p]}</option>)}
                </select>
              </label>
            </>
          ) : null}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t.drafting.brief.required}</legend>
        <table className="rows">
          <thead><tr><th>{t.drafting.brief.requirement}</th><th>{t.drafting.brief.placement}</th><th /></tr></thead>
          <tbody>
            {form.requirements.map((r, i) => {
              const setPlacement = (p: Placement) => edit({ requirements: form.requirements.map((x, j) => (j === i ? { ...x, placement: p } : x)) });
              const p = r.placement;
              return (
                <tr key={i} data-testid="requirement">
                  <td><input aria-label={t.drafting.brief.requirement} value={r.text} onChange={(e) => edit({ requirements: form.requirements.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })} /></td>
                  <td className="placement">
                    <select aria-label={t.drafting.brief.placement} value={(PLACEMENTS as string[]).includes(p.kind) ? p.kind : "read"} onChange={(e) => e.target.value !== "read" && setPlacement(defaultPlacement(e.target.value as EditableKind, "level" in p && p.level ? p.level : deepest))}>
                      {(PLACEMENTS as string[]).includes(p.kind) ? null : <option value="read">{t.drafting.brief.asRead(describePlacement(p))}</option>}
                      {PLACEMENTS.map((k) => <option key={k} value={k}>{t.drafting.brief.placements[k]}</option>)}
                    </select>
                    {"level" in p && p.level && (PLACEMENTS as string[]).includes(p.kind) ? (
                      <select aria-label={t.drafting.brief.level} value={p.level} onChange={(e) => setPlacement({ ...p, level: e.target.value } as Placement)}>
                        {levelNames.map((n) => <option key={n} value={n}>{n}</option>)}
                      </select>
                    ) : null}
                    {p.kind === "once" ? <input aria-label={t.drafting.brief.unitNumber} type="number" min={1} value={p.index} onChange={(e) => setPlacement({ ...p, index: num(e.target.value, p.index) })} /> : null}
                    {p.kind === "range" ? (<>
                      <input aria-label={t.drafting.brief.from} type="number" min={1} value={p.from} onChange={(e) => setPlacement({ ...p, from: num(e.target.value, p.from) })} />
                      <input aria-label={t.drafting.brief.to} type="number" min={1} value={p.to} onChange={(e) => setPlacement({ ...p, to: num(e.target.value, p.to) })} />
                    </>) : null}
                    {p.kind === "periodic" ? (<>
                      <input aria-label={t.drafting.brief.every} type="number" min={1} value={p.every} onChange={(e) => setPlacement({ ...p, every: num(e.target.value, p.every) })} />
                      <input aria-label={t.drafting.brief.startingAt} type="number" min={1} value={p.start} onChange={(e) => setPlacement({ ...p, start: num(e.target.value, p.start) })} />
                    </>) : null}
                    {p.kind === "date" ? <input aria-label={t.drafting.brief.date} value={p.date} onChange={(e) => setPlacement({ ...p, date: e.target.value })} /> : null}
                  </td>
                  <td><button type="button" onClick={() => edit({ requirements: form.requirements.filter((_, j) => j !== i) })}>{t.drafting.remove}</button></td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="button" onClick={() => edit({ requirements: [...form.requirements, { text: "", placement: { kind: "anywhere" } }] })}>{t.drafting.brief.addRequirement}</button>
      </fieldset>

      <fieldset className="form-grid">
        <legend>{t.drafting.brief.style}</legend>
        {(["pov", "tense", "tone", "audience"] as const).map((k) => (
          <label key={k}>{t.drafting.brief.styleFields[k]}<input value={form.style[k]} onChange={(e) => edit({ style: { ...form.style, [k]: e.target.value } })} /></label>
        ))}
        <label className="wide">{t.drafting.brief.avoid}<input value={form.style.avoid.join(", ")} onChange={(e) => edit({ style: { ...form.style, avoid: e.target.value.split(",").map((s) => s.trim()).filter(Boolean) } })} /></label>
        <label className="wide">{t.drafting.brief.voiceSample}<textarea rows={4} value={form.style.voiceSample} onChange={(e) => edit({ style: { ...form.style, voiceSample: e.target.value } })} /></label>
        <label className="wide">{t.drafting.brief.instructions}<textarea rows={4} value={form.instructions} onChange={(e) => edit({ instructions: e.target.value })} /></label>
      </fieldset>

      <div className="screen-actions">
        <button type="button" className="primary" disabled={save.busy} onClick={() => void save.run(form)}>{status === "unconfirmed" ? t.drafting.brief.confirmSave : t.drafting.brief.save}</button>
        <span role="status" data-testid="brief-status">{status === "saved" ? t.drafting.brief.saved : status === "dirty" ? t.drafting.brief.unsaved : ""}</span>
        {status === "saved" ? (
          <>
            {/* planning waits until every open item is settled, or the writer chooses to plan anyway */}
            <button type="button" disabled={open.length > 0 && !planAnyway} onClick={() => useDrafting.getState().setScreen("plan")}>{t.drafting.brief.toPlan}</button>
            {open.length > 0 && !planAnyway ? (
              <>
                <span data-testid="open-items">{t.drafting.brief.openItems(open.length)}</span>
                <button type="button" onClick={() => { setPlanAnyway(true); useDrafting.getState().setScreen("plan"); }}>{t.drafting.brief.planAnyway}</button>
              </>
            ) : null}
          </>
        ) : null}
      </div>
    </section>
  );
}
