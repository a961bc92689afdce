/** brief.md ⇄ the studio's brief form. The form is saved as YAML front matter so what the writer confirmed is what the engine reads. */
import { stringify } from "yaml";
import type { BriefForm, BriefNoteView } from "../../../shared/contract/drafting";
import type { Brief } from "../../../engine/index";

export function briefToForm(brief: Brief): BriefForm {
  return {
    title: brief.title || "Untitled",
    kind: brief.kind,
    language: brief.language,
    premise: brief.premise,
    instructions: brief.instructions,
    length: { total: brief.length.total, unit: brief.length.unit, tolerance: brief.length.tolerance },
    structure: brief.structure.map((l) => ({
      name: l.name,
      count: l.count,
      ...(l.heading ? { heading: l.heading } : {}),
      ...(l.targets && Object.keys(l.targets).length > 0
        ? { targets: Object.fromEntries(Object.entries(l.targets).map(([k, v]) => [String(k), v])) }
        : {}),
      ...(l.counts ? { counts: l.counts } : {}),
      ...(l.titles?.some(Boolean) ? { titles: l.titles } : {}),
      ...(l.labels ? { labels: l.labels } : {}),
      ...(l.grid ? { grid: l.grid } : {}),
    })),
    calendar: brief.calendar ? { start: brief.calendar.start, period: brief.calendar.period, ...(brief.calendar.level ? { level: brief.calendar.level } : {}) } : null,
    requirements: brief.requirements.map((r) => ({ text: r.text, placement: r.placement })),
    style: {
      pov: brief.style.pov ?? "",
      tense: brief.style.tense ?? "",
      tone: brief.style.tone ?? "",
      audience: brief.style.audience ?? "",
      voiceSample: brief.style.voiceSample ?? "",
      avoid: brief.style.avoid,
    },
  };
}

const nonEmpty = (o: Record<string, string | string[]>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v.trim() !== "")));

/**
 * The form as brief.md. Everything structured goes in the front matter (including the free
 * instructions), so the body holds no prose the engine would read placements from twice.
 */
export function formToBriefMarkdown(form: BriefForm): string {
  const fm: Record<string, unknown> = {
    title: form.title,
    kind: form.kind || undefined,
    language: form.language,
    premise: form.premise || undefined,
    instructions: form.instructions || undefined,
    length: { total: form.length.total, unit: form.length.unit, tolerance: form.length.tolerance },
    structure: form.structure.map((l) => ({
      level: l.name,
      count: l.count,
      ...(l.heading ? { heading: l.heading } : {}),
      ...(l.targets && Object.keys(l.targets).length > 0 ? { targets: l.targets } : {}),
      ...(l.counts ? { counts: l.counts } : {}),
      ...(l.titles?.some(Boolean) ? { titles: l.titles } : {}),
      ...(l.labels ? { labels: l.labels } : {}),
      ...(l.grid ? { grid: l.grid } : {}),
    })),
    calendar: form.calendar ?? undefined,
    required: form.requirements.length > 0 ? form.requirements.map((r) => ({ text: r.text, placement: r.placement })) : undefined,
  };
  const style = nonEmpty(form.style);
  if (Object.keys(style).length > 0) fm.style = style;
  for (const k of Object.keys(fm)) if (fm[k] === undefined) delete fm[k];
  return `---\n${stringify(fm, { lineWidth: 0 })}---\n\n<!-- Written by Quire's brief form. Edit here or in the studio. -->\n`;
}

/** The brief's open items as the studio shows them: requirement ids become indices into the form's list. */
export function briefNotesToView(brief: Brief): { unresolved: BriefNoteView[]; assumed: BriefNoteView[] } {
  const index = (id?: string) => (id ? brief.requirements.findIndex((r) => r.id === id) : -1);
  const view = (n: Brief["assumed"][number]): BriefNoteView => {
    const change = n.alternative?.change;
    return {
      id: n.id,
      text: n.text,
      why: n.why,
      requirement: index(n.requirementId) >= 0 ? index(n.requirementId) : null,
      alternative: !n.alternative || !change
        ? null
        : {
            description: n.alternative.description,
            change:
              change.kind === "placement" ? { kind: "placement", placement: change.placement }
              : change.kind === "length" ? { kind: "length", total: change.total }
              : change.kind === "grid" ? { kind: "grid", grid: change.grid }
              : { kind: "structure", structure: change.structure.map((l) => ({ name: l.name, count: l.count, ...(l.counts ? { counts: l.counts } : {}) })) },
          },
    };
  };
  return { unresolved: brief.unresolved.map(view), assumed: brief.assumed.map(view) };
}
