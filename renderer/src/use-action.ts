import { useCallback, useEffect, useRef, useState } from "react";
import { errorText, reportError } from "./report-error";

/**
 * Every studio action (a backend call a button or a command starts) runs through here, so each
 * reports its errors the same way (one notice, see report-error.ts) and never throws into React.
 * Returns the action's result, or undefined when it failed.
 */
export async function runAction<R>(fn: () => Promise<R>): Promise<R | undefined> {
  try {
    return await fn();
  } catch (error) {
    reportError(error);
    return undefined;
  }
}

export interface Action<A extends unknown[], R> {
  /** starts the action; resolves to its result, or undefined if it failed (the error is already reported) */
  run(...args: A): Promise<R | undefined>;
  /** true while a run is in flight: buttons disable themselves and say so */
  busy: boolean;
  /** the last run's error message, for a dialog that also wants it next to the form; cleared by the next run */
  error: string | null;
}

/** An action for a component: runAction plus busy state. The latest `fn` always runs (no stale closures). */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>): Action<A, R> {
  const latest = useRef(fn);
  latest.current = fn;
  const mounted = useRef(true);
  const [inFlight, setInFlight] = useState(0);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setInFlight((n) => n + 1);
    setError(null);
    try {
      return await latest.current(...args);
    } catch (e) {
      reportError(e);
      if (mounted.current) setError(errorText(e));
      return undefined;
    } finally {
      if (mounted.current) setInFlight((n) => n - 1);
    }
  }, []);
  return { run, busy: inFlight > 0, error };
}
