import type { DailyWords } from "./project";

/** Local calendar date as YYYY-MM-DD (not UTC: a writer's "today" ends at their midnight). */
export function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function wordsOn(history: readonly DailyWords[], date: string): number {
  return history.find((h) => h.date === date)?.words ?? 0;
}

/** Words a day needed to reach the target by the deadline (inclusive of today), or null when not applicable. */
export function wordsPerDayNeeded(
  current: number,
  target: number | null,
  deadline: string | null,
  today: string,
): { perDay: number; days: number } | null {
  if (!target || !deadline) return null;
  const days = Math.round((Date.parse(deadline) - Date.parse(today)) / 86_400_000) + 1;
  if (!Number.isFinite(days) || days <= 0) return null;
  return { perDay: Math.max(0, Math.ceil((target - current) / days)), days };
}
