import { useEffect, useId, useState } from "react";
import { errorText } from "../report-error";
import { QuireError } from "../../../electron/shared/contract/errors";
import type { MethodInput, MethodName } from "../../../electron/shared/contract/index";
import { client } from "../client";
import { useModels } from "../state/models-store";
import { t } from "../strings";
import { runAction, useAction } from "../use-action";
import { confirmAction } from "./ui/ask";
import { Dialog } from "./ui/Dialog";

const gb = (bytes: number) => `${(bytes / 1e9).toFixed(1)} GB`;

/** GPU and memory, the catalog with a fit badge for this machine, downloads, installed models. */
export function ModelsPage({ onClose }: { onClose: () => void }) {
  const state = useModels((s) => s.state);
  useEffect(() => {
    void runAction(async () => useModels.getState().set(await client.call("models.state", { probeSystem: true })));
  }, []);
  // every button here is one backend call; the page updates from the models events
  const call = useAction(<M extends MethodName>(method: M, input: MethodInput<M>) => client.call(method, input));
  const [addError, setAddError] = useState<string | null>(null);
  const addErrorId = useId();
  const addFile = async () => {
    setAddError(null);
    try {
      await client.call("models.addFile", {});
    } catch (error) {
      setAddError(errorText(error));
    }
  };
  const download = useAction(async (id: string, unverified: boolean) => {
    try {
      await client.call("models.download", { id, allowUnverified: false });
    } catch (error) {
      if (!(unverified && error instanceof QuireError)) throw error;
      const go = await confirmAction({ title: t.models.unverifiedTitle, body: error.message, confirm: t.models.downloadAnyway });
      if (go) await client.call("models.download", { id, allowUnverified: true });
    }
  });
  return (
    <Dialog title={t.models.heading} onClose={onClose} size="large" footer={<button type="button" onClick={onClose}>{t.models.close}</button>}>
        {state?.crash ? (
          <p role="alert" className="notice error">
            {state.crash}
          </p>
        ) : null}
        <section aria-label={t.models.machine}>
          <h3>{t.models.machine}</h3>
          {state?.system ? (
            <p data-testid="system-summary">
              {t.models.system(
                state.system.backend.toUpperCase(),
                state.system.deviceNames.join(", ") || t.models.noGpu,
                state.system.vramTotal > 0 ? gb(state.system.vramFree) : null,
                state.system.vramTotal > 0 ? gb(state.system.vramTotal) : null,
                gb(state.system.ramTotal),
              )}
            </p>
          ) : (
            <p className="muted">{t.models.checking}</p>
          )}
        </section>
        <section aria-label={t.models.loaded}>
          <h3>{t.models.loaded}</h3>
          {state?.loaded ? (
            <div>
              <p data-testid="loaded-model">
                {t.models.loadedLine(
                  state.loaded.name,
                  state.loaded.backend.toUpperCase(),
                  state.loaded.gpuLayers,
                  state.loaded.totalLayers,
                  state.loaded.contextSize,
                )}
              </p>
              {state.loaded.fallbacks.map((f) => (
                <p key={f} className="notice warning">
                  {f}
                </p>
              ))}
              <button type="button" onClick={() => void call.run("models.unload", {})}>
                {t.models.unload}
              </button>
            </div>
          ) : (
            <p className="muted">{t.models.none}</p>
          )}
        </section>
        <section aria-label={t.models.installed}>
          <h3>{t.models.installed}</h3>
          <ul className="model-list">
            {state?.installed.map((m) => (
              <li key={m.id}>
                <span>
                  <strong>{m.name}</strong>{" "}
                  <span className="muted">
                    {m.architecture} {m.fileType ?? ""} {m.bytes ? gb(m.bytes) : ""}
                  </span>
                </span>
                <button
                  type="button"
                  disabled={state.loaded?.id === m.id}
                  aria-label={state.loaded?.id === m.id ? undefined : t.models.loadOf(m.name)}
                  onClick={() => void call.run("models.load", { id: m.id })}
                >
                  {state.loaded?.id === m.id ? t.models.isLoaded : t.models.load}
                </button>
                {m.origin !== "command-line" ? (
                  <button type="button" aria-label={t.models.removeOf(m.name)} onClick={() => void call.run("models.remove", { id: m.id })}>
                    {t.models.remove}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
          <button type="button" aria-describedby={addError ? addErrorId : undefined} onClick={() => void addFile()}>
            {t.models.addFile}
          </button>
          {/* in this dialog, beside the button that failed: not a notice somewhere behind it */}
          {addError ? (
            <p id={addErrorId} role="alert" className="notice error" data-testid="add-file-error">
              {addError}
            </p>
          ) : null}
        </section>
        <section aria-label={t.models.catalog}>
          <h3>{t.models.catalog}</h3>
          <ul className="model-list">
            {state?.catalog.map((m) => {
              const d = state.downloads.find((x) => x.id === m.id);
              return (
                <li key={m.id}>
                  <span>
                    <strong>{m.name}</strong>{" "}
                    <span className="muted">
                      {m.parameters} · {m.quantisation} · {m.approxSizeGb} GB · {m.licence}
                    </span>{" "}
                    <span className={`fit fit-${m.fit}`} title={m.fitLabel}>
                      {t.models.fit[m.fit]}
                    </span>
                    {m.unverified ? <span className="muted"> · {t.models.unverified}</span> : null}
                  </span>
                  {d ? (
                    <span className="download" data-status={d.status}>
                      {/* a bar moves only while bytes arrive: a stopped download shows where it stopped, still */}
                      {d.status === "downloading" || d.status === "verifying" ? (
                        <progress max={d.totalBytes ?? 100} value={d.totalBytes ? d.receivedBytes : undefined} aria-label={t.models.progress(d.receivedBytes, d.totalBytes, d.bytesPerSecond, d.etaSeconds, d.status)} />
                      ) : d.totalBytes ? (
                        <progress max={d.totalBytes} value={d.receivedBytes} aria-label={t.models.stopped(d.receivedBytes, d.totalBytes)} />
                      ) : null}
                      <span>
                        {d.status === "failed" || d.status === "paused"
                          ? t.models.stopped(d.receivedBytes, d.totalBytes)
                          : t.models.progress(d.receivedBytes, d.totalBytes, d.bytesPerSecond, d.etaSeconds, d.status)}
                      </span>
                      {d.status === "downloading" ? (
                        <button type="button" aria-label={t.models.pauseOf(m.name)} onClick={() => void call.run("models.pauseDownload", { id: m.id })}>
                          {t.models.pause}
                        </button>
                      ) : (
                        <button
                          type="button"
                          aria-label={d.status === "failed" ? t.models.tryAgainOf(m.name) : t.models.resumeOf(m.name)}
                          onClick={() => void call.run("models.resumeDownload", { id: m.id })}
                        >
                          {d.status === "failed" ? t.models.tryAgain : t.models.resume}
                        </button>
                      )}
                      <button type="button" aria-label={t.models.cancelOf(m.name)} onClick={() => void call.run("models.cancelDownload", { id: m.id })}>
                        {t.models.cancel}
                      </button>
                      {d.error ? (
                        <span className="notice error" role="alert">
                          {d.error}
                        </span>
                      ) : null}
                    </span>
                  ) : m.installed ? (
                    <span className="muted">{t.models.isInstalled}</span>
                  ) : (
                    <button type="button" aria-label={t.models.downloadOf(m.name)} onClick={() => void download.run(m.id, m.unverified)}>
                      {t.models.download}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
    </Dialog>
  );
}
