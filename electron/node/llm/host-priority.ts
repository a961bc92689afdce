import { setPriority } from "node:os";

/**
 * The writer's typing comes first: the model host drafts at a lower CPU priority, so on a small
 * machine the studio stays responsive and drafting takes what is left (QUIRE_LLM_NICE=0 turns it off).
 */
export function politeHost(pid: number | undefined, env: NodeJS.ProcessEnv): void {
  const nice = env.QUIRE_LLM_NICE === undefined ? 10 : Number(env.QUIRE_LLM_NICE);
  if (!pid || !Number.isInteger(nice) || nice <= 0) return;
  try {
    setPriority(pid, nice);
  } catch {
    // not permitted here: drafting still works, only less politely
  }
}
