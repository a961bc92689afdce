/**
 * A log that writes at most `perMinute` lines a minute and then says how many it held back:
 * a client flooding bad frames must not flood the writer's terminal, and on Linux every write
 * to a terminal or pipe blocks the server until it is done.
 */
export type Log = (message: string, error?: unknown) => void;

export function throttledLog(log: Log, perMinute = 20, now: () => number = Date.now): Log {
  let windowStart = Number.NEGATIVE_INFINITY;
  let written = 0;
  let held = 0;
  return (message, error) => {
    const t = now();
    if (t - windowStart >= 60_000) {
      if (held > 0) log(`(${held} more messages like these in the last minute)`);
      windowStart = t;
      written = 0;
      held = 0;
    }
    if (written < perMinute) {
      written++;
      log(message, error);
    } else held++;
  };
}
