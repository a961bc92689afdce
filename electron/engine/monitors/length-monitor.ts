/** Length against budget: the window a unit must land in, and a finding when it does not. */
import { countWords, type CountUnit } from "../../shared/text/count-words";
import type { Finding } from "./types";

export interface LengthWindow {
  target: number;
  lo: number;
  hi: number;
}

/** `slack` is the fraction the engine aims within (tighter than the brief's tolerance so totals land too). */
export function lengthWindow(target: number, slack: number): LengthWindow {
  return { target, lo: Math.floor(target * (1 - slack)), hi: Math.ceil(target * (1 + slack)) };
}

export function checkLength(text: string, unit: CountUnit, target: number, tolerance: number, unitId?: string): Finding[] {
  const words = countWords(text, unit);
  const low = Math.floor(target * (1 - tolerance));
  const high = Math.ceil(target * (1 + tolerance));
  if (words < low) {
    return [{ monitor: "length", severity: "error", code: "too-short", unitId, message: `${words} ${unit}, budget ${target} (−${Math.round((1 - words / target) * 100)} %)`, fix: { kind: "expand", words: target - words } }];
  }
  if (words > high) {
    return [{ monitor: "length", severity: "error", code: "too-long", unitId, message: `${words} ${unit}, budget ${target} (+${Math.round((words / target - 1) * 100)} %)`, fix: { kind: "trim", words: words - target } }];
  }
  return [];
}
