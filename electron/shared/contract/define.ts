import type { z } from "zod";

/** A request/response method: its payload schema (validated on arrival) and its result schema. */
export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

/** An event pushed from the backend: small deltas, never whole state. */
export interface EventDef<P extends z.ZodType = z.ZodType> {
  payload: P;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodDef<I, O> => ({
  input,
  output,
});

export const event = <P extends z.ZodType>(payload: P): EventDef<P> => ({ payload });
