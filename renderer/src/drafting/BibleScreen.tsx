import { useEffect, useState } from "react";
import type { z } from "zod";
import type { bibleEntry, factSuggestion } from "../../../electron/shared/contract/bible";
import { client } from "../client";
import { runAction, useAction } from "../use-action";
import { openUnitAt } from "./open-unit-at";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { useDrafting } from "./drafting-store";

type Entry = z.infer<typeof bibleEntry>;
type Suggestion = z.infer<typeof factSuggestion>;
type Mentions = { units: { id: string; title: string }[]; entries: { id: string; name: string }[]; counts: number[][] };
const KINDS = ["character", "place", "object", "fact"] as const;

const toLines = (attrs: Record<string, string>) => Object.entries(attrs).map(([k, v]) => `${k}: ${v}`).join("\n");
const fromLines = (text: string) =>
  Object.fromEntries(text.split("\n").map((l) => l.split(/:(.*)/s)).filter((p) => p[0]?.trim() && p[1] !== undefined).map((p) => [p[0]!.trim(), p[1]!.trim()]));

function EntryEditor({ entry, onSave, onDelete }: { entry: Partial<Entry>; onSave: (e: Omit<Entry, "id">) => void; onDelete?: () => void }) {
  const [kind, setKind] = useState(entry.kind ?? "character");
  const [name, setName] = useState(entry.name ?? "");
  const [aliases, setAliases] = useState((entry.aliases ?? []).join(", "));
  const [attrs, setAttrs] = useState(toLines(entry.attributes ?? {}));
  const [notes, setNotes] = useState(entry.notes ?? "");
  return (
    <form className="bible-entry form-grid" onSubmit={(e) => { e.preventDefault(); if (name.trim()) onSave({ kind, name: name.trim(), aliases: aliases.split(",").map((a) => a.trim()).filter(Boolean), attributes: fromLines(attrs), notes }); }}>
      <label>{t.drafting.bible.kind}<select value={kind} onChange={(e) => setKind(e.target.value as Entry["kind"])}>{KINDS.map((k) => <option key={k} value={k}>{t.drafting.bible.kinds[k]}</option>)}</select></label>
      <label>{t.drafting.bible.name}<input value={name} onChange={(e) => setName(e.target.value)} /></label>
      <label className="wide">{t.drafting.bible.aliases}<input value={aliases} onChange={(e) => setAliases(e.target.value)} /></label>
      <label className="wide">{t.drafting.bible.attributes}<textarea rows={3} value={attrs} onChange={(e) => setAttrs(e.target.value)} placeholder="eyes: green" /></label>
      <label className="wide">{t.drafting.bible.notes}<textarea rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} /></label>
      <div className="screen-actions wide">
        <button type="submit" className="primary">{entry.id ? t.drafting.bible.save : t.drafting.bible.add}</button>
        {onDelete ? <button type="button" onClick={onDelete}>{t.drafting.bible.remove}</button> : null}
      </div>
    </form>
  );
}

/** Characters, places, objects and facts; where each is mentioned; facts the run found, to confirm. */
export function BibleScreen() {
  const handle = useApp((s) => s.project!.handle);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [mentions, setMentions] = useState<Mentions | null>(null);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [selected, setSelected] = useState<string | "new" | null>(null);
  const load = async () => {
    const [e, m, s] = await Promise.all([
      client.call("bible.list", { handle }),
      client.call("bible.mentions", { handle }),
      client.call("bible.suggestions", { handle }),
    ]);
    setEntries(e);
    useDrafting.getState().setMentionNames(e);
    setMentions(m);
    setSuggestions(s);
  };
  const reload = () => runAction(load);
  useEffect(() => void reload(), [handle]);
  const save = useAction(async (input: Omit<Entry, "id">) => {
    if (selected && selected !== "new") await client.call("bible.update", { handle, id: selected, patch: input });
    else await client.call("bible.create", { handle, entry: input });
    setSelected(null);
    await load();
  });
  const remove = useAction(async (id: string) => {
    await client.call("bible.delete", { handle, id });
    setSelected(null);
    await load();
  });
  const confirmFact = useAction(async (s: Suggestion) => {
    await client.call("bible.confirmFact", { handle, entity: s.entity, attribute: s.attribute, value: s.value });
    await load();
  });
  const namesOf = (entryId: string) => {
    const e = entries.find((x) => x.id === entryId);
    return e ? [e.name, ...e.aliases] : [];
  };
  const current = entries.find((e) => e.id === selected);
  return (
    <section className="drafting-screen bible-screen" aria-label={t.drafting.bible.heading}>
      <h2>{t.drafting.bible.heading}</h2>
      <div className="bible-layout">
        <ul className="bible-list" aria-label={t.drafting.bible.entries}>
          {entries.map((e) => (
            <li key={e.id} className={selected === e.id ? "selected" : undefined}>
              <button type="button" className="link" onClick={() => setSelected(e.id)}>{e.name}</button>
              <span className="muted"> {t.drafting.bible.kinds[e.kind]}{e.aliases.length ? ` · ${e.aliases.join(", ")}` : ""}</span>
            </li>
          ))}
          <li><button type="button" onClick={() => setSelected("new")}>{t.drafting.bible.newEntry}</button></li>
        </ul>
        {selected ? (
          <EntryEditor key={selected} entry={current ?? {}} onSave={(e) => void save.run(e)}
            onDelete={current ? () => void remove.run(current.id) : undefined} />
        ) : null}
      </div>
      {mentions && mentions.entries.length > 0 ? (
        <figure className="matrix">
          <figcaption>{t.drafting.bible.matrix}</figcaption>
          <p className="figure-note">{t.drafting.bible.matrixHint}</p>
          <table data-testid="mention-matrix">
            <thead>
              <tr>
                <th scope="col" className="corner"><span className="visually-hidden">{t.drafting.bible.entries}</span></th>
                {mentions.units.map((u) => (
                  <th key={u.id} scope="col" title={u.title}>
                    <span>{u.title}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {mentions.entries.map((e, i) => (
                <tr key={e.id}>
                  <th scope="row">{e.name}</th>
                  {mentions.counts[i]!.map((n, j) => (
                    <td key={j} className={n ? "placed" : ""}>
                      {n ? (
                        <button
                          type="button"
                          aria-label={t.drafting.bible.openWhere(e.name, mentions.units[j]!.title, n)}
                          title={t.drafting.bible.openWhere(e.name, mentions.units[j]!.title, n)}
                          onClick={() => openUnitAt(mentions.units[j]!.id, namesOf(e.id))}
                        >
                          {n}
                        </button>
                      ) : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </figure>
      ) : null}
      {suggestions.length > 0 ? (
        <section aria-label={t.drafting.bible.suggestions}>
          <h3>{t.drafting.bible.suggestions}</h3>
          <ul className="suggestions">
            {suggestions.map((s, i) => (
              <li key={i}>
                <strong>{s.entity}</strong> — {s.attribute}: {s.value} <span className="muted">({s.heading})</span>{" "}
                <button type="button" className="small" onClick={() => void confirmFact.run(s)}>{t.drafting.bible.confirm}</button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
