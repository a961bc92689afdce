/**
 * Taps the text a drafting call streams, by unit, so the studio can show a unit being written.
 * The engine's prompt names the unit ("Now write Chapter 3."); a call for anything else (judge,
 * revision, planning) is passed through untouched. Deltas are batched: a few small events a second.
 */
import type { GenerateRequest, LlmPort } from "../../../shared/llm/llm-port";

export interface StreamSink {
  (planId: string, text: string, reset: boolean): void;
}

export function withStreamTap(inner: LlmPort, units: { id: string; heading: string }[], sink: StreamSink, everyMs = 200): LlmPort {
  // longest headings first, so "Chapter 12" is never read as "Chapter 1"
  const known = [...units].filter((u) => u.heading).sort((a, b) => b.heading.length - a.heading.length);
  const unitOf = (r: GenerateRequest): string | null => {
    const user = [...r.messages].reverse().find((m) => m.role === "user")?.content ?? "";
    const at = user.indexOf("Now write ");
    if (at < 0 || r.jsonSchema) return null;
    const rest = user.slice(at + "Now write ".length);
    return known.find((u) => rest.startsWith(u.heading) && /^[.\s(]/.test(rest.slice(u.heading.length)))?.id ?? null;
  };
  return {
    info: () => inner.info(),
    countTokens: (t) => inner.countTokens(t),
    leaseSequence: (s) => inner.leaseSequence(s),
    async generate(request) {
      const planId = unitOf(request);
      if (!planId) return inner.generate(request);
      let buffer = "";
      let reset = request.continueFrom === undefined;
      let last = Date.now();
      const flush = () => {
        if (!buffer && !reset) return;
        sink(planId, buffer, reset);
        buffer = "";
        reset = false;
        last = Date.now();
      };
      if (!reset) buffer = " ";
      const downstream = request.onDelta;
      try {
        return await inner.generate({
          ...request,
          onDelta: (delta) => {
            downstream?.(delta);
            buffer += delta;
            if (Date.now() - last >= everyMs) flush();
          },
        });
      } finally {
        flush();
      }
    },
  };
}
