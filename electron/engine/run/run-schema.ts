/**
 * A run as stored (run.json) and a finished unit's record (units/<id>.json): zod schemas and the
 * readers that check versions and migrate older files.
 *
 *   run version 1 → 2: the plan inside lost the studio's "binder" (it lives in the project's
 *   binder file now); nothing else changed.
 *   record version 0 (no schemaVersion) → 2: a proposal said `status` and `decidedBy`; the record
 *   now keeps only what autopilot did (`autopilot: "applied" | "declined"`); the writer's
 *   decisions are the studio's, and the unified `patch` text is gone (a diff is made from
 *   before and after where one is shown).
 *   run and record version 2 → 3 (issue 14): new ledger kinds ("ending", "strip", "retry") and
 *   fields (thoughtTokens, removed, rejected), a check's quote, the run status
 *   "finished-with-failures" with the failed units, the retries option; every field is new, so a
 *   version 2 file reads unchanged.
 */
import { z } from "zod";
import type { Fact } from "../base/facts";
import type { LedgerEntry } from "../base/ledger";
import { checkVersion, parseWith } from "../base/parse";
import type { Brief, BriefBibleEntry, BriefChange, BriefNote } from "../brief/types";
import type { ObligationCheck } from "../monitors/obligations";
import type { Finding } from "../monitors/types";
import { placementSchema, planSchema } from "../plan/plan-schema";
import type { Proposal } from "../review/proposal";
import { RUN_SCHEMA_VERSION, STRATEGIES, UNIT_RECORD_VERSION, type FailedUnit, type RunOptions, type RunState, type UnitRecord } from "./types";

const int = z.number().int();
const bibleEntrySchema: z.ZodType<BriefBibleEntry> = z.object({
  name: z.string(),
  kind: z.enum(["character", "place", "object", "fact"]),
  aliases: z.array(z.string()),
  attributes: z.record(z.string(), z.string()),
});

// a note's proposed other reading is kept as written (it is offered back, never planned from here)
const briefNoteSchema: z.ZodType<BriefNote> = z.object({
  id: z.string(),
  text: z.string(),
  why: z.string(),
  requirementId: z.string().optional(),
  alternative: z.object({ description: z.string(), change: z.custom<BriefChange>((v) => typeof v === "object" && v !== null && "kind" in v) }).optional(),
});

const briefSchema: z.ZodType<Brief, unknown> = z.object({
  title: z.string(),
  kind: z.string(),
  language: z.string(),
  premise: z.string(),
  instructions: z.string(),
  length: z.object({ total: int.positive(), unit: z.enum(["words", "characters"]), tolerance: z.number().min(0) }),
  structure: z.array(
    z.object({
      name: z.string(),
      count: int.positive(),
      counts: z.array(int).optional(),
      heading: z.string().optional(),
      targets: z.record(z.string(), int).transform((t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [Number(k), v]))).optional(),
      titles: z.array(z.string()).optional(),
      grid: z
        .object({
          columns: int.positive(), rows: int.positive(), origin: z.union([z.literal(0), z.literal(1)]),
          order: z.enum(["rows", "columns", "snake"]), letters: z.boolean().optional(), pair: z.enum(["column-row", "row-column"]),
        })
        .optional(),
    }),
  ),
  calendar: z.object({ start: z.string(), period: z.enum(["day", "week", "month", "quarter"]), level: z.string().optional() }).optional(),
  requirements: z.array(
    z.object({ id: z.string(), text: z.string(), content: z.string(), placement: placementSchema, source: z.enum(["front-matter", "prose", "model"]) }),
  ),
  style: z.object({
    pov: z.string().optional(),
    tense: z.string().optional(),
    tone: z.string().optional(),
    audience: z.string().optional(),
    voiceSample: z.string().optional(),
    avoid: z.array(z.string()),
  }),
  bible: z.array(bibleEntrySchema),
  provenance: z.record(z.string(), z.enum(["front-matter", "prose", "default", "model"])),
  // runs written before the brief listed what it did not understand have neither list
  unresolved: z.array(briefNoteSchema).default([]),
  assumed: z.array(briefNoteSchema).default([]),
  minimumPerUnit: int.optional(),
});

const ledgerSchema: z.ZodType<LedgerEntry> = z.object({
  unitId: z.string().nullable(),
  kind: z.enum(["plan", "plan-review", "extract", "generate", "continue", "ending", "judge", "revise", "facts", "seam", "bridge", "stop", "trim", "cut-loop", "replace-name", "strip", "retry"]),
  promptTokens: z.number().nonnegative(),
  completionTokens: z.number().nonnegative(),
  thoughtTokens: z.number().nonnegative().optional(),
  millis: z.number().nonnegative(),
  stopReason: z.string().optional(),
  sections: z.array(z.object({ name: z.string(), chars: z.number(), tokens: z.number().optional() })).optional(),
  wordsBefore: z.number().optional(),
  wordsAfter: z.number().optional(),
  note: z.string().optional(),
  removed: z.object({ kind: z.string(), chars: z.number().nonnegative(), text: z.string() }).optional(),
  rejected: z.string().optional(),
});

const optionsSchema: z.ZodType<RunOptions> = z.object({
  strategy: z.enum(STRATEGIES),
  parallel: int.positive(),
  maxRevisions: int.nonnegative(),
  autopilot: z.boolean(),
  judge: z.boolean(),
  factExtraction: z.enum(["model", "rules"]).optional(),
  slack: z.number().min(0),
  tailWords: int.nonnegative(),
  promptShare: z.number().positive(),
  seams: z.boolean().optional(),
  retries: int.nonnegative().optional(),
  temperature: z.number().optional(),
  seed: int.optional(),
});

const runStateSchema: z.ZodType<RunState> = z.object({
  schemaVersion: int.positive(),
  runId: z.string().min(1),
  status: z.enum(["running", "paused", "cancelled", "done", "finished-with-failures", "failed"]),
  error: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  options: optionsSchema,
  brief: briefSchema,
  plan: planSchema,
  bible: z.array(bibleEntrySchema),
  done: z.array(z.string()),
  ledger: z.array(ledgerSchema),
  tokensPerWord: z.number().positive(),
  failed: z.array(z.lazy(() => failedUnitSchema)).optional(),
});

const fixSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("expand"), words: z.number() }),
  z.object({ kind: z.literal("trim"), words: z.number() }),
  z.object({ kind: z.literal("insert-obligation"), obligationId: z.string(), content: z.string() }),
  z.object({ kind: z.literal("rewrite-passage"), passage: z.string(), instruction: z.string() }),
  z.object({ kind: z.literal("cut-loop"), at: z.number() }),
]);

const suggestionSchema = z.object({ kind: z.literal("replace-name"), from: z.string(), to: z.string(), confidence: z.number().min(0).max(1) });

/** A run saved before name fixes became the writer's to apply holds them as fixes: they read back as suggestions. */
const legacyNameFix = (v: unknown): unknown => {
  const f = v as { fix?: { kind?: string; from?: string; to?: string } } | null;
  if (f?.fix?.kind !== "replace-name") return v;
  const { fix, ...rest } = f as { fix: { from: string; to: string } };
  return { ...rest, severity: "warning", suggestion: { kind: "replace-name", from: fix.from, to: fix.to, confidence: 0.5 } };
};

const findingSchema: z.ZodType<Finding> = z.preprocess(
  legacyNameFix,
  z.object({
    monitor: z.enum(["length", "obligation", "consistency", "degeneration"]),
    severity: z.enum(["error", "warning", "info"]),
    code: z.string(),
    message: z.string(),
    unitId: z.string().optional(),
    obligationId: z.string().optional(),
    excerpt: z.string().optional(),
    fix: fixSchema.optional(),
    suggestion: suggestionSchema.optional(),
  }),
) as z.ZodType<Finding>;

const checkSchema: z.ZodType<ObligationCheck> = z.object({
  obligationId: z.string(),
  met: z.boolean().nullable(),
  by: z.enum(["lexical", "judge", "none"]),
  coverage: z.number(),
  quote: z.string().optional(),
});

const proposalSchema: z.ZodType<Proposal> = z.object({
  id: z.string(),
  unitId: z.string(),
  round: int,
  reasons: z.array(z.string()),
  snapshotHash: z.string(),
  before: z.string(),
  after: z.string(),
  autopilot: z.enum(["applied", "declined"]).optional(),
  errorsBefore: int,
  errorsAfter: int,
});

const factSchema: z.ZodType<Fact> = z.object({
  entity: z.string(),
  attribute: z.string(),
  value: z.string(),
  fromUnit: int,
  toUnit: int.nullable(),
  source: z.string(),
  confirmed: z.boolean(),
});

const failedUnitSchema: z.ZodType<FailedUnit> = z.object({
  unitId: z.string().min(1),
  heading: z.string(),
  reason: z.string(),
  findings: z.array(findingSchema),
  ledger: z.array(ledgerSchema),
});

const unitRecordSchema: z.ZodType<UnitRecord> = z.object({
  schemaVersion: int.positive(),
  unitId: z.string().min(1),
  status: z.literal("done"),
  words: int.nonnegative(),
  targetWords: int.nonnegative(),
  textHash: z.string(),
  findings: z.array(findingSchema),
  obligations: z.array(checkSchema),
  proposals: z.array(proposalSchema),
  ledger: z.array(ledgerSchema),
  facts: z.array(factSchema),
  millis: z.number().nonnegative(),
});

/** run.json, checked and brought up to this version. */
export function parseRunState(value: unknown, where: string): RunState {
  const version = checkVersion(value, RUN_SCHEMA_VERSION, where, "run");
  // version 1's plan carried the binder; the schema leaves it out. (Every run.json says its version.)
  const migrated = version >= 1 ? { ...(value as object), schemaVersion: RUN_SCHEMA_VERSION } : value;
  return parseWith(runStateSchema, migrated, where, "a Quire run");
}

/** A proposal as records before version 2 kept it: the status autopilot gave it becomes what autopilot did. */
function migrateProposal(p: unknown): unknown {
  if (typeof p !== "object" || p === null) return p;
  const { status, decidedBy, patch: _patch, ...rest } = p as { status?: unknown; decidedBy?: unknown; patch?: unknown };
  const autopilot = decidedBy === "autopilot" ? (status === "accepted" ? "applied" : status === "rejected" ? "declined" : undefined) : undefined;
  return { ...rest, ...(autopilot ? { autopilot } : {}) };
}

/** units/<id>.json, checked and brought up to this version. */
export function parseUnitRecord(value: unknown, where: string): UnitRecord {
  const version = checkVersion(value, UNIT_RECORD_VERSION, where, "unit record");
  let v = value;
  if (version < 2 && typeof v === "object" && v !== null) {
    const old = v as { proposals?: unknown };
    v = { ...old, schemaVersion: UNIT_RECORD_VERSION, proposals: Array.isArray(old.proposals) ? old.proposals.map(migrateProposal) : old.proposals };
  } else if (version < UNIT_RECORD_VERSION && typeof v === "object" && v !== null) {
    v = { ...v, schemaVersion: UNIT_RECORD_VERSION };
  }
  return parseWith(unitRecordSchema, v, where, "a Quire unit record");
}
