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

export const placement = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("once"), level: short, index: count }),
  z.object({ kind: z.literal("range"), level: short, from: count, to: count }),
  z.object({ kind: z.literal("periodic"), level: short, every: count, start: count }),
  z.object({ kind: z.literal("last"), level: short }),
  z.object({ kind: z.literal("date"), date: z.string().max(20) }),
  z.object({ kind: z.literal("anywhere") }),
]);

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
        targets: boundedRecord(z.string().max(6).regex(/^\d+$/), z.number().int().min(1), 100_000).optional(),
      }),
    )
    .min(1)
    .max(8),
  calendar: z
    .object({ start: z.string().max(10).regex(/^\d{4}-\d{2}-\d{2}$/), period: z.enum(["day", "week", "month"]), level: short.optional() })
    .nullable(),
  requirements: z.array(z.object({ text: z.string().trim().min(1).max(2000), placement })).max(500),
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
  /** leaves: the states at its joins (null until planned with the model or written by the writer) */
  start: startStateView.nullable(),
  end: endStateView.nullable(),
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
export const runStatus = z.enum(["running", "pausing", "paused", "cancelled", "done", "failed", "interrupted"]);
export const runUnitState = z.enum(["queued", "drafting", "done"]);

export const finding = z.object({
  monitor: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  code: z.string(),
  message: z.string(),
  excerpt: z.string().optional(),
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
  obligations: z.array(obligationCheck),
  findings: z.array(finding),
});

export const runProgress = z.object({
  unitsDone: z.number().int(),
  unitsTotal: z.number().int(),
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

export const landedUnit = z.object({ id: unitId, body: z.string(), version: z.number().int() });

const handleOnly = z.object({ handle: projectHandle });

export const draftingMethods = {
  /** brief.md as text and as a form (form is null and error set when it does not parse) */
  "brief.read": method(
    handleOnly,
    z.object({ text: z.string(), form: briefForm.nullable(), provenance: briefProvenance, error: z.string().nullable() }),
  ),
  /** Reads a natural-language brief into the form for the writer to confirm; saves nothing. */
  "brief.fromText": method(
    z.object({ handle: projectHandle, text: z.string().min(1).max(200_000) }),
    z.object({ form: briefForm, provenance: briefProvenance }),
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
  /** Creates the plan's units in the binder (once). */
  "plan.accept": method(handleOnly, z.object({ plan: planState, units: z.array(unitMeta) })),
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
