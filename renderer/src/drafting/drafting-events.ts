/** Applies the backend's drafting events to the studio: live lengths, landed drafts, locked units, proposals. */
import { client } from "../client";
import { editorRegistry } from "../editor/editor-registry";
import { useApp } from "../state/app-store";
import { useDrafting } from "./drafting-store";

export function listenToDrafting(): () => void {
  const mine = (handle: string) => useApp.getState().project?.handle === handle;
  const d = () => useDrafting.getState();
  const offs = [
    client.on("run.changed", (e) => mine(e.handle) && d().setRun(e.run)),
    client.on("run.unitProgress", (e) => mine(e.handle) && d().unitProgress(e.planId, e.words, e.state)),
    client.on("run.unitDone", (e) => mine(e.handle) && d().unitDone(e.unit)),
    client.on("run.unitText", (e) => {
      // kept for every unit being written, so opening one mid-way shows it whole; only the open one renders it
      if (mine(e.handle)) d().liveText(e.unitId, e.text, e.reset);
    }),
    client.on("run.progress", (e) => mine(e.handle) && d().progress(e.progress, e.at)),
    client.on("proposals.changed", (e) => mine(e.handle) && d().setProposals(e.proposals)),
    client.on("run.locked", (e) => {
      if (!mine(e.handle)) return;
      d().setLocked(e.unitIds);
      editorRegistry.current?.setLocked(e.unitIds);
    }),
    client.on("run.landed", (e) => {
      if (!mine(e.handle)) return;
      editorRegistry.current?.takeDraft(e.unit.id, e.unit.body, e.unit.version);
      // counted by the backend, so the binder and status bar follow without parsing here
      useApp.getState().setWords(e.unit.id, e.words);
    }),
  ];
  return () => offs.forEach((off) => off());
}

/** Loads what the drafting screens show for the open project (after open and after a reconnect). */
export async function loadDrafting(handle: string): Promise<void> {
  const [plan, run, proposals] = await Promise.all([
    client.call("plan.read", { handle }),
    client.call("run.get", { handle }),
    client.call("proposals.list", { handle }),
  ]);
  useDrafting.setState({ plan, run, proposals });
}
