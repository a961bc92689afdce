// A well-behaved tab in its own thread (the fuzzing beside it must not slow its event loop):
// asks app.info every `intervalMs`, records each round trip, reconnects if the server drops it.
import { parentPort, workerData } from "node:worker_threads";
import WebSocket from "ws";

const { url, origin, intervalMs, timeoutMs } = workerData;
let phase = "idle";
const samples = { idle: [], fuzz: [] };
let failures = 0;
let failureNotes = [];
let socket = null;
let nextId = 1;
const waiting = new Map();

function connect() {
  socket = new WebSocket(url, { origin });
  socket.on("message", (raw) => {
    const frame = JSON.parse(String(raw));
    const w = typeof frame.id === "number" ? waiting.get(frame.id) : undefined;
    if (!w) return;
    waiting.delete(frame.id);
    clearTimeout(w.timer);
    if (frame.reply?.ok) samples[w.phase].push(performance.now() - w.start);
    else fail(`reply not ok: ${JSON.stringify(frame.reply).slice(0, 200)}`);
  });
  socket.on("close", () => {
    if (phase !== "stop") {
      fail("socket closed");
      setTimeout(connect, 100);
    }
  });
  socket.on("error", () => {});
}

function fail(note) {
  failures++;
  if (failureNotes.length < 10) failureNotes.push(note);
}

function ask() {
  if (!socket || socket.readyState !== WebSocket.OPEN) return;
  const id = nextId++;
  const w = { start: performance.now(), phase, timer: setTimeout(() => { waiting.delete(id); fail(`no reply in ${timeoutMs} ms`); }, timeoutMs) };
  waiting.set(id, w);
  socket.send(JSON.stringify({ id, method: "app.info", payload: {} }));
}

connect();
const timer = setInterval(ask, intervalMs);
parentPort.on("message", (m) => {
  if (m === "fuzz") phase = "fuzz";
  if (m === "report") parentPort.postMessage({ samples, failures, failureNotes, inFlight: waiting.size });
  if (m === "stop") {
    phase = "stop";
    clearInterval(timer);
    socket?.close();
    parentPort.postMessage({ samples, failures, failureNotes, inFlight: waiting.size });
  }
});
