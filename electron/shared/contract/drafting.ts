/**
 * Drafting in the studio: the brief, the plan, runs and the proposals they leave for the writer.
 * Payloads are views shaped for the renderer; the engine's own types stay in electron/engine.
 */
import { z } from "zod";
import { projectHandle, unitId, unitMeta } from "./common";
import { event, method } from "./define";
import { MAX_CHECK_CHARS } from "./limits";
import { boundedRecord } from "./payload-bounds";
import { diffPart } from "./snapshots";

const short = z.string().max(300);
const long = z.string().max(200_000);
const count = z.number().int().min(1).max(100_000);

const cell = z.tuple([z.number().int().min(0).max(100_000), z.number().int().min(0).max(100_000)]);
const dateText = z.string().max(10).regex(/^(?:\d{4}-)?\d{2}-\d{2}$/);

/** Where required content goes: a reference to units as the brief said it (the planner resolves it). */
export type PlacementView =
  | { kind: "once"; level: string; index: number }
  | { kind: "range"; level: string; from: number; to: number }
  | { kind: "periodic"; level: string; every: number; start: number; end?: number }
  | { kind: "last"; level: string; count?: number }
  | { kind: "set"; level: string; indices: number[] }
  | { kind: "fraction"; level: string; at: number }
  | { kind: "name"; level?: string; name: string }
  | { kind: "date"; date: string; to?: string; every?: number }
  | { kind: "cells"; level: string; from: [number, number]; to?: [number, number]; every?: number; along?: "column" | "row"; diagonal?: boolean }
  | { kind: "corners"; level: string }
  | { kind: "line"; level: string; axis: "row" | "column"; index: number }
  | { kind: "within"; outer: PlacementView; inner: PlacementView }
  | { kind: "union"; of: PlacementView[] }
  | { kind: "anywhere" };

const leafPlacements = [
  z.object({ kind: z.literal("once"), level: short, index: count }),
  z.object({ kind: z.literal("range"), level: short, from: count, to: count }),
  z.object({ kind: z.literal("periodic"), level: short, every: count, start: count, end: count.optional() }),
  z.object({ kind: z.literal("last"), level: short, count: count.optional() }),
  z.object({ kind: z.literal("set"), level: short, indices: z.array(z.number().int().min(-100_000).max(100_000)).min(1).max(200) }),
  z.object({ kind: z.literal("fraction"), level: short, at: z.number().min(0).max(1) }),
  z.object({ kind: z.literal("name"), level: short.optional(), name: short }),
  z.object({ kind: z.literal("date"), date: dateText, to: dateText.optional(), every: count.optional() }),
  z.object({ kind: z.literal("cells"), level: short, from: cell, to: cell.optional(), every: count.optional(), along: z.enum(["column", "row"]).optional(), diagonal: z.boolean().optional() }),
  z.object({ kind: z.literal("corners"), level: short }),
  z.object({ kind: z.literal("line"), level: short, axis: z.enum(["row", "column"]), index: z.number().int().min(0).max(100_000) }),
  z.object({ kind: z.literal("anywhere") }),
] as const;

/**
 * A placement nests ("the second scene of chapter 4 of part 2", "chapters 2 and 7"), but only so
 * deep: a schema with no depth has no largest payload, and browser mode sizes its frames from it.
 */
function nestedPlacement(depth: number): z.ZodType<PlacementView> {
  if (depth === 0) return z.discriminatedUnion("kind", [...leafPlacements]) as z.ZodType<PlacementView>;
  const inner = nestedPlacement(depth - 1);
  return z.discriminatedUnion("kind", [
    ...leafPlacements,
    z.object({ kind: z.literal("within"), outer: inner, inner }),
    z.object({ kind: z.literal("union"), of: z.array(inner).min(1).max(6) }),
  ]) as z.ZodType<PlacementView>;
}

export const placement: z.ZodType<PlacementView> = nestedPlacement(2);

export const gridSpec = z.object({
  columns: count,
  rows: count,
  origin: z.union([z.literal(0), z.literal(1)]),
  order: z.enum(["rows", "columns", "snake"]),
  pair: z.enum(["column-row", "row-column"]),
  letters: z.boolean().optional(),
});

/** Everything the engine's brief holds, as a form the writer fills or confirms. */
export const briefForm = z.object({
  title: z.string().trim().min(1).max(300),
  kind: short,
  language: z.string().min(2).max(35),
  premise: z.string().max(20_000),
  instructions: long,
  length: z.object({
    total: z.number().int().min(1).max(10_000_000),
    unit: z.enum(["words", "characters"]),
    /** a fraction: 0.1 is ±10 % */
    tolerance: z.number().min(0).max(1),
  }),
  structure: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(60),
        count,
        heading: z.string().max(200).optional(),
        /** per-unit targets by 1-based index within the level */
        targets: boundedRecord(z.string().max(6).regex(/^\d+$/), z.number().int().min(1), 20_000).optional(),
        /** when parents hold different numbers: one count per parent */
        counts: z.array(count).max(10_000).optional(),
        titles: z.array(z.string().max(300)).max(1_000).optional(),
        /** what each unit is called in place of its number ("Prologue", "1" … "Epilogue"; "B2"; "A" … "Z") */
        labels: z.array(z.string().min(1).max(60)).max(1_000).optional(),
        grid: gridSpec.optional(),
      }),
    )
    .min(1)
    .max(8),
  calendar: z
    .object({ start: z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/), period: z.enum(["day", "week", "month", "quarter"]), level: short.optional() })
    .nullable(),
  requirements: z.array(z.object({ text: z.string().trim().min(1).max(2000), placement })).max(300),
  style: z.object({
    pov: short,
    tense: short,
    tone: short,
    audience: short,
    voiceSample: z.string().max(20_000),
    avoid: z.array(short).max(200),
  }),
});
export type BriefForm = z.infer<typeof briefForm>;

/** Where each value came from: the writer confirms what Quire read from prose. */
export const briefProvenance = z.record(z.string(), z.enum(["front-matter", "prose", "default", "model"]));

/**
 * A sentence Quire did not understand, or a reading it had to assume. `requirement` is the index
 * of the required item it concerns in the form; `alternative` is the other reading, as a change.
 */
export const briefNote = z.object({
  id: z.string().max(20),
  text: z.string().max(20_000),
  why: z.string().max(2000),
  requirement: z.number().int().min(0).nullable(),
  alternative: z
    .object({
      description: z.string().max(500),
      change: z.discriminatedUnion("kind", [
        z.object({ kind: z.literal("length"), total: z.number().int().min(1).max(10_000_000) }),
        z.object({ kind: z.literal("placement"), placement }),
        z.object({ kind: z.literal("structure"), structure: z.array(z.object({ name: z.string().max(60), count, counts: z.array(count).optional() })).min(1).max(8) }),
        z.object({ kind: z.literal("grid"), grid: gridSpec }),
      ]),
    })
    .nullable(),
});
export type BriefNoteView = z.infer<typeof briefNote>;

/** What Quire could not place ("not understood") and what it assumed, each for the writer to settle. */
export const briefNotes = z.object({ unresolved: z.array(briefNote).max(1000), assumed: z.array(briefNote).max(1000) });

export const planIssue = z.object({
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  message: z.string(),
  unitId: z.string().optional(),
  obligationId: z.string().optional(),
});

/** A leaf's state where it begins: where the point-of-view character is, who is there (what has just happened is the unit before's end). */
// a state is a few words: small bounds, so plan.update for 10,000 units still fits one frame
export const startStateView = z.object({ where: z.string().max(80), present: z.array(z.string().max(40)).max(6) });
/** A leaf's state where it ends: also what has just happened and what is left open. */
export const endStateView = startStateView.extend({ happened: z.string().max(160), open: z.array(z.string().max(80)).max(3) });

export const planUnitView = z.object({
  id: z.string().max(200),
  parentId: z.string().max(200).nullable(),
  depth: z.number().int(),
  levelName: z.string(),
  heading: z.string(),
  title: z.string(),
  summary: z.string(),
  beats: z.array(z.string()),
  targetWords: z.number().int(),
  fixedTarget: z.boolean(),
  obligations: z.array(z.string()),
  isLeaf: z.boolean(),
  /** leaves: the states at its joins (null until planned with the model or written by the writer); the start as it reads */
  start: startStateView.nullable(),
  end: endStateView.nullable(),
  /** the start is where the unit before ends (it follows that end's edits), not one of its own */
  startFollows: z.boolean().optional(),
  /** the binder unit once the plan is accepted */
  unitId: unitId.nullable(),
});

export const planView = z.object({
  title: z.string(),
  countUnit: z.enum(["words", "characters"]),
  targetWords: z.number().int(),
  tolerance: z.number(),
  levels: z.array(z.string()),
  units: z.array(planUnitView),
  obligations: z.array(z.object({ id: z.string(), text: z.string(), placement: z.string(), unitIds: z.array(z.string()) })),
  filledBy: z.enum(["deterministic", "model"]),
  accepted: z.boolean(),
});

export const planState = z.object({ plan: planView.nullable(), issues: z.array(planIssue) });

export const strategy = z.enum(["chapters", "parallel", "sequential"]);
/** finished-with-failures: the run went to its end but some units have no prose after their retries (resuming tries them again) */
export const runStatus = z.enum(["running", "pausing", "paused", "cancelled", "done", "finished-with-failures", "failed", "interrupted"]);
/**
 * queued: waiting its turn in a run that goes on (or is paused); stopped: not drafted, the run
 * having ended; failed: the model gave no prose for the unit after its retries; nothing was saved
 */
export const runUnitState = z.enum(["queued", "drafting", "done", "failed", "stopped"]);

export const finding = z.object({
  monitor: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  code: z.string(),
  message: z.string(),
  excerpt: z.string().optional(),
  /** a change only the writer's click applies (a name fix), with how sure the monitor is */
  suggestion: z.object({ kind: z.literal("replace-name"), from: z.string().max(200), to: z.string().max(200), confidence: z.number().min(0).max(1) }).optional(),
});

export const obligationCheck = z.object({
  id: z.string(),
  text: z.string(),
  met: z.boolean().nullable(),
  by: z.enum(["lexical", "judge", "none", "writer"]),
});

export const runUnitView = z.object({
  planId: z.string(),
  unitId: unitId.nullable(),
  heading: z.string(),
  targetWords: z.number().int(),
  words: z.number().int(),
  state: runUnitState,
  /** why a failed unit has no draft ("The model declined to write it (3 tries): …") */
  failure: z.string().max(2000).optional(),
  obligations: z.array(obligationCheck),
  findings: z.array(finding),
});

export const runProgress = z.object({
  unitsDone: z.number().int(),
  unitsTotal: z.number().int(),
  /** units being written right now (their words are in `words`) */
  unitsDrafting: z.number().int().default(0),
  words: z.number().int(),
  tokens: z.number().int(),
  tokensPerSecond: z.number(),
  etaSeconds: z.number().nullable(),
});

export const runView = z.object({
  runId: z.string(),
  status: runStatus,
  error: z.string().nullable(),
  strategy,
  parallel: z.number().int(),
  autopilot: z.boolean(),
  countUnit: z.enum(["words", "characters"]),
  tolerance: z.number(),
  model: z.object({ name: z.string(), backend: z.string(), contextSize: z.number().int(), sequences: z.number().int() }).nullable(),
  /** units at once: as asked, as reached in this session (the most written together), and the model's sequences */
  concurrency: z.object({ asked: z.number().int(), reached: z.number().int(), sequences: z.number().int().nullable() }).optional(),
  progress: runProgress,
  units: z.array(runUnitView),
  /** words done over time, for the progress chart: [seconds since the run started, words] */
  history: z.array(z.tuple([z.number(), z.number()])),
});

export const proposalView = z.object({
  id: z.string(),
  runId: z.string(),
  planId: z.string(),
  unitId: unitId.nullable(),
  heading: z.string(),
  reasons: z.array(z.string()),
  status: z.enum(["pending", "accepted", "rejected"]),
  decidedBy: z.enum(["autopilot", "writer"]).nullable(),
  /** the text changed since the proposal was made: it can no longer be accepted as is */
  stale: z.boolean(),
  before: z.string(),
  after: z.string(),
  parts: z.array(diffPart),
  errorsBefore: z.number().int(),
  errorsAfter: z.number().int(),
});

/** What the seam check found at a unit's joins (seams.check). */
export const seamsResult = z.object({
  joins: z.array(
    z.object({
      /** the join with the unit before, or with the unit after */
      side: z.enum(["before", "after"]),
      neighbour: z.string(),
      joins: z.boolean(),
      problem: z.string().nullable(),
      /** this unit's opening (side before) or ending (side after), rewritten to join; null when none could be made */
      bridge: z.object({ passage: z.string(), rewritten: z.string(), parts: z.array(diffPart) }).nullable(),
    }),
  ),
});

export const callSummary = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  unitId: unitId.nullable(),
  planId: z.string().nullable(),
  heading: z.string().nullable(),
  stopReason: z.string(),
  promptTokens: z.number().int(),
  completionTokens: z.number().int(),
  millis: z.number(),
  clipped: z.boolean(),
  scope: z.enum(["run", "studio"]),
});

export const callView = callSummary.omit({ scope: true }).extend({
  sections: z.array(z.object({ name: z.string(), text: z.string() })),
  messages: z.array(z.object({ role: z.enum(["system", "user", "assistant"]), content: z.string() })),
  continueFrom: z.string().nullable(),
  output: z.string(),
});

export const landedUnit = z.object({ id: unitId, body: z.string(), version: z.number().int() });

const handleOnly = z.object({ handle: projectHandle });

export const draftingMethods = {
  /** brief.md as text and as a form (form is null and error set when it does not parse) */
  "brief.read": method(
    handleOnly,
    z.object({ text: z.string(), form: briefForm.nullable(), provenance: briefProvenance, error: z.string().nullable(), notes: briefNotes.optional() }),
  ),
  /** Reads a natural-language brief into the form for the writer to confirm; saves nothing. */
  "brief.fromText": method(
    z.object({ handle: projectHandle, text: z.string().min(1).max(200_000) }),
    z.object({ form: briefForm, provenance: briefProvenance, notes: briefNotes.optional() }),
  ),
  "brief.save": method(z.object({ handle: projectHandle, form: briefForm }), z.object({ text: z.string() })),
  "plan.read": method(handleOnly, planState),
  /** Builds the plan from the saved brief (budgets and placements; titles and summaries by the model when asked and loaded). */
  "plan.build": method(z.object({ handle: projectHandle, useModel: z.boolean().default(false) }), planState),
  /** The writer's edits to unit titles, summaries and budgets; the review says whether the total still holds. */
  "plan.update": method(
    z.object({
      handle: projectHandle,
      units: z
        .array(
          z.object({
            id: z.string().max(200),
            title: z.string().max(300).optional(),
            // one unit's summary at a time in the studio; 10,000 of them must still fit one frame
            summary: z.string().max(2_000).optional(),
            targetWords: z.number().int().min(0).max(10_000_000).optional(),
          }),
        )
        .max(10_000),
    }),
    planState,
  ),
  /** The writer's edits to leaves' states at their joins, each state whole (null: none). A few at a time. */
  "plan.updateStates": method(
    z.object({
      handle: projectHandle,
      units: z.array(z.object({ id: z.string().max(200), start: startStateView.nullable().optional(), end: endStateView.nullable().optional() })).max(1_000),
    }),
    planState,
  ),
  /** The writer sets a leaf's budget: it is pinned; with `rebalance` the unpinned others absorb the difference. */
  "plan.setBudget": method(
    z.object({ handle: projectHandle, id: z.string().max(200), targetWords: z.number().int().min(1).max(10_000_000), rebalance: z.boolean().default(true) }),
    planState,
  ),
  /** Pins a budget, or releases the pin so rebalancing may move it. */
  "plan.pin": method(z.object({ handle: projectHandle, id: z.string().max(200), pinned: z.boolean() }), planState),
  /**
   * Creates the plan's units in the binder (once). Where a binder already holds units the writer
   * says where the plan goes (`placement`), and which target the project keeps when the plan's
   * total and the project's differ (`total`: the plan's, or the project's with budgets scaled).
   */
  "plan.accept": method(
    z.object({
      handle: projectHandle,
      placement: z
        .discriminatedUnion("mode", [z.object({ mode: z.literal("replace") }), z.object({ mode: z.literal("merge") }), z.object({ mode: z.literal("under"), unitId })])
        .nullable()
        .default(null),
      total: z.enum(["plan", "project"]).default("plan"),
    }),
    z.object({ plan: planState, units: z.array(unitMeta) }),
  ),
  "run.get": method(handleOnly, runView.nullable()),
  "run.start": method(
    z.object({
      handle: projectHandle,
      strategy: strategy.default("chapters"),
      parallel: z.number().int().min(1).max(16).default(2),
      autopilot: z.boolean().default(false),
    }),
    runView,
  ),
  "run.pause": method(handleOnly, runView),
  "run.resume": method(handleOnly, runView),
  "run.cancel": method(handleOnly, runView),
  "run.setAutopilot": method(z.object({ handle: projectHandle, autopilot: z.boolean() }), runView),
  /**
   * The monitors on a unit's current text (the writer's own too): length, required content,
   * consistency, degeneration. withModel: the loaded model also judges required content the
   * lexical pass could not settle and reads facts from the text ("unavailable" with no model).
   */
  "monitors.check": method(
    z.object({
      handle: projectHandle,
      unitId,
      text: z.string().max(MAX_CHECK_CHARS, `is over ${MAX_CHECK_CHARS.toLocaleString("en-US")} characters, the most Quire checks at once; split the unit to check it`),
      withModel: z.boolean().default(false),
    }),
    z.object({
      words: z.number().int(),
      targetWords: z.number().int().nullable(),
      tolerance: z.number(),
      obligations: z.array(obligationCheck),
      findings: z.array(finding),
    }),
  ),
  /**
   * The seam check on the open unit's text (the writer's own too), with the loaded model: does it
   * follow on from the unit before and lead into the unit after (as saved)? Where a join does not
   * hold, a bridge of this unit's side: the passage, its rewrite and the diff, for the writer to
   * apply in the editor or leave. Nothing is written.
   */
  "seams.check": method(
    z.object({
      handle: projectHandle,
      unitId,
      text: z.string().max(MAX_CHECK_CHARS, `is over ${MAX_CHECK_CHARS.toLocaleString("en-US")} characters, the most Quire checks at once; split the unit to check it`),
    }),
    seamsResult,
  ),
  /** Continue, expand, rewrite or draft from beats; the text streams as assist.text and ends as a proposal (assist.done). */
  "assist.start": method(
    z.object({
      handle: projectHandle,
      unitId,
      mode: z.enum(["continue", "expand", "rewrite", "scene"]),
      passage: z.string().min(1).max(200_000),
      instruction: z.string().max(2000).default(""),
      words: z.number().int().min(10).max(5000),
    }),
    z.object({ assistId: z.string(), ledger: z.array(z.object({ section: z.string(), tokens: z.number().int() })) }),
  ),
  "assist.cancel": method(z.object({ handle: projectHandle, assistId: z.string().max(100) }), z.object({})),
  /** The model's calls, for the call viewer: this run's and the studio's (plans, assists), oldest first; one unit's when asked. */
  "calls.list": method(z.object({ handle: projectHandle, unitId: unitId.nullable().default(null) }), z.array(callSummary)),
  /** One call whole: its sections and messages as the model received them, and its reply. */
  "calls.get": method(z.object({ handle: projectHandle, id: z.string().max(80) }), callView),
  "proposals.list": method(handleOnly, z.array(proposalView)),
  /** Accept (optionally with the writer's edit of the proposed text) or reject; refused as "conflict" when stale. */
  "proposals.decide": method(
    z.object({
      handle: projectHandle,
      id: z.string().max(200),
      decision: z.enum(["accept", "reject"]),
      editedText: z.string().max(2_000_000).optional(),
    }),
    z.object({ proposal: proposalView, unit: landedUnit.nullable() }),
  ),
  /** A stale proposal drafted again from the unit's current text: the old one is set aside, the new one returned. */
  "proposals.regenerate": method(
    z.object({ handle: projectHandle, id: z.string().max(200) }),
    z.object({ proposal: proposalView, unit: landedUnit.nullable() }),
  ),
  /** Undoes the last decision on a proposal: it is pending again and the unit as it was. */
  "proposals.undo": method(
    z.object({ handle: projectHandle, id: z.string().max(200) }),
    z.object({ proposal: proposalView, unit: landedUnit.nullable() }),
  ),
};

export const draftingEvents = {
  /** status changes and whole-run refreshes (rare) */
  "run.changed": event(z.object({ handle: projectHandle, run: runView })),
  /** a unit's live length while it is written: the small delta the length bars follow */
  "run.unitProgress": event(
    z.object({ handle: projectHandle, planId: z.string(), words: z.number().int(), state: runUnitState }),
  ),
  /** text a unit is being written with, batched a few times a second (reset: a fresh draft starts) */
  "run.unitText": event(
    z.object({ handle: projectHandle, planId: z.string(), unitId, text: z.string().max(100_000), reset: z.boolean() }),
  ),
  "run.unitDone": event(z.object({ handle: projectHandle, unit: runUnitView })),
  "run.progress": event(z.object({ handle: projectHandle, progress: runProgress, at: z.number() })),
  /** a draft reached a unit file: the editor takes it in as one undoable step */
  "run.landed": event(z.object({ handle: projectHandle, unit: landedUnit, planId: z.string(), words: z.number().int() })),
  /** the set of units the run is writing right now (read-only in the editor) */
  "run.locked": event(z.object({ handle: projectHandle, unitIds: z.array(unitId) })),
  "assist.text": event(z.object({ handle: projectHandle, assistId: z.string(), text: z.string().max(200_000), reset: z.boolean() })),
  "assist.done": event(
    z.object({
      handle: projectHandle,
      assistId: z.string(),
      text: z.string().max(2_000_000),
      status: z.enum(["done", "cancelled", "failed"]),
      error: z.string().nullable(),
    }),
  ),
  "proposals.changed": event(z.object({ handle: projectHandle, proposals: z.array(proposalView) })),
};
