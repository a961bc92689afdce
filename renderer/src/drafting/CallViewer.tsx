import { useEffect, useState } from "react";
import type { MethodOutput } from "../../../electron/shared/contract/index";
import { client } from "../client";
import { Dialog } from "../components/ui/Dialog";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { runAction } from "../use-action";
import "./call-viewer.css";

type Summary = MethodOutput<"calls.list">[number];
type Call = MethodOutput<"calls.get">;

const kindName = (k: string) => t.drafting.calls.kinds[k] ?? k;
const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

/**
 * The model's calls, read from the run's ledger (and the studio's, for plans and assists): a list
 * of them, and one opened whole: the prompt's sections with their text, the messages as the model
 * received them, what it continued from, and what it wrote back.
 */
export function CallViewer({ unitId, onClose }: { unitId: string | null; onClose: () => void }) {
  const handle = useApp((s) => s.project!.handle);
  const unitTitle = useApp((s) => (unitId ? (s.project?.units.find((u) => u.id === unitId)?.title ?? null) : null));
  const [only, setOnly] = useState(unitId);
  const [list, setList] = useState<Summary[] | null>(null);
  const [open, setOpen] = useState<Call | null>(null);

  useEffect(() => {
    void runAction(async () => {
      const calls = await client.call("calls.list", { handle, unitId: only });
      setList(calls);
      // the latest call opens at once: usually the one the writer came for
      const last = calls.at(-1);
      setOpen(last ? await client.call("calls.get", { handle, id: last.id }) : null);
    });
  }, [handle, only]);

  const show = (id: string) => void runAction(async () => setOpen(await client.call("calls.get", { handle, id })));

  return (
    <Dialog
      title={only && unitTitle ? t.drafting.calls.titleFor(unitTitle) : t.drafting.calls.title}
      onClose={onClose}
      size="large"
      className="call-viewer"
      testId="call-viewer"
      footer={
        <>
          {only ? (
            <button type="button" className="start" onClick={() => setOnly(null)}>
              {t.drafting.calls.showAll}
            </button>
          ) : null}
          <button type="button" onClick={onClose}>
            {t.ui.close}
          </button>
        </>
      }
    >
      {list && list.length === 0 ? <p className="muted">{t.drafting.calls.none}</p> : null}
      {list && list.length > 0 ? (
        <div className="call-columns">
          <ol className="call-list" aria-label={t.drafting.calls.list}>
            {list.map((c) => (
              <li key={c.id}>
                <button type="button" aria-current={open?.id === c.id ? "true" : undefined} onClick={() => show(c.id)} data-testid="call-item" data-kind={c.kind}>
                  {t.drafting.calls.line(kindName(c.kind), c.heading, time(c.at))}
                </button>
              </li>
            ))}
          </ol>
          {open ? (
            <article className="call-detail" aria-label={t.drafting.calls.line(kindName(open.kind), open.heading, time(open.at))} data-testid="call-detail">
              <p className="muted">
                {t.drafting.calls.tokens(open.promptTokens, open.completionTokens, open.millis / 1000)} · {t.drafting.calls.stopped(open.stopReason)}
                {open.clipped ? ` · ${t.drafting.calls.clipped}` : ""}
              </p>
              {open.sections.length > 0 ? (
                <section>
                  <h3>{t.drafting.calls.sections}</h3>
                  {open.sections.map((s, i) => (
                    <details key={i} open data-testid="call-section">
                      <summary>{t.drafting.calls.sectionNames[s.name] ?? s.name}</summary>
                      <Scrolling label={t.drafting.calls.sectionNames[s.name] ?? s.name}>{s.text}</Scrolling>
                    </details>
                  ))}
                </section>
              ) : null}
              <section>
                <h3>{t.drafting.calls.messages}</h3>
                {open.messages.map((m, i) => (
                  <details key={i} open={open.sections.length === 0}>
                    <summary>{m.role}</summary>
                    <Scrolling label={m.role}>{m.content}</Scrolling>
                  </details>
                ))}
                {open.continueFrom ? (
                  <details>
                    <summary>{t.drafting.calls.continued}</summary>
                    <Scrolling label={t.drafting.calls.continued}>{open.continueFrom}</Scrolling>
                  </details>
                ) : null}
              </section>
              <section>
                <h3>{t.drafting.calls.output}</h3>
                <Scrolling label={t.drafting.calls.output} testId="call-output">{open.output}</Scrolling>
              </section>
            </article>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}

/**
 * A prompt or reply as the model saw it: a box that scrolls past its height, so it takes the
 * keyboard's focus too (arrows and Page Down scroll it without a mouse).
 */
function Scrolling({ label, testId, children }: { label: string; testId?: string; children: string }) {
  return (
    <pre tabIndex={0} aria-label={label} data-testid={testId}>
      {children}
    </pre>
  );
}
