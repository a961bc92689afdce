import type { z } from "zod";
import { appEvents, appMethods } from "./app";
import { bibleMethods } from "./bible";
import { draftingEvents, draftingMethods } from "./drafting";
import type { EventDef, MethodDef } from "./define";
import { exchangeMethods } from "./exchange";
import { modelsEvents, modelsMethods } from "./models";
import { projectsEvents, projectsMethods } from "./projects";
import { snapshotsMethods } from "./snapshots";
import { studioMethods } from "./studio";
import { unitsEvents, unitsMethods } from "./units";

/** Every method the renderer may call, whatever the transport (Electron IPC or browser-mode WebSocket). */
export const methods = {
  ...appMethods,
  ...projectsMethods,
  ...unitsMethods,
  ...snapshotsMethods,
  ...draftingMethods,
  ...bibleMethods,
  ...exchangeMethods,
  ...modelsMethods,
  ...studioMethods,
} satisfies Record<string, MethodDef>;

/** Every event the backend may push. */
export const events = {
  ...appEvents,
  ...projectsEvents,
  ...unitsEvents,
  ...draftingEvents,
  ...modelsEvents,
} satisfies Record<string, EventDef>;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]["input"]>;
export type MethodParsedInput<M extends MethodName> = z.output<Methods[M]["input"]>;
export type MethodOutput<M extends MethodName> = z.output<Methods[M]["output"]>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]["payload"]>;

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === "string" && Object.hasOwn(methods, name);
export const isEventName = (name: unknown): name is EventName =>
  typeof name === "string" && Object.hasOwn(events, name);
