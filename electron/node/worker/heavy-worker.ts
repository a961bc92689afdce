/**
 * A worker thread's entry: runs the tasks in heavy-tasks one at a time and posts back each
 * result or error (as plain data: the error's name, message and own fields).
 */
import { parentPort } from "node:worker_threads";
import { heavyTasks, type HeavyTaskName } from "./heavy-tasks";

export interface TaskRequest {
  id: number;
  task: HeavyTaskName;
  input: unknown;
}

export type TaskReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string; [field: string]: unknown } };

const port = parentPort;
if (port) {
  port.on("message", (request: TaskRequest) => {
    void (async () => {
      let reply: TaskReply;
      try {
        const run = heavyTasks[request.task] as (input: unknown) => unknown;
        reply = { id: request.id, ok: true, value: await run(request.input) };
      } catch (e) {
        const error = e instanceof Error ? e : new Error(String(e));
        reply = { id: request.id, ok: false, error: { ...error, name: error.name, message: error.message } };
      }
      port.postMessage(reply);
    })();
  });
}
