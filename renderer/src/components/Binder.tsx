import { memo, useEffect, useMemo, useRef, useState, type CSSProperties } from "react";
import { buildUnitTree, canHoldChildren, levelName, placeUnit, rolledUpTargets, subtreeIds as subtreeOf, type UnitNode } from "../../../electron/shared/domain/unit-tree";
import { addSibling, addUnit, keyboardMove, moveUnit, renameUnit, trashUnit } from "../actions";
import { SHORTCUTS } from "../commands/shortcuts";
import { shortcutLabel } from "../commands/keys";
import { focusPage } from "../focus-areas";
import { useApp, type UnitMetaView } from "../state/app-store";
import { t } from "../strings";
import { useDrafting } from "../drafting/drafting-store";
import { AddChildIcon, AddIcon, ChevronDownIcon, ChevronRightIcon, MoveDownIcon, MoveUpIcon, RenameIcon, TrashIcon, TrashViewIcon } from "../design/icons";
import { IconButton } from "./ui/IconButton";
import { TrashDialog } from "./TrashDialog";
import "./binder.css";

type Where = "before" | "after" | "inside";
interface DropZone {
  id: string;
  where: Where;
  allowed: boolean;
}

/** Where a drop over a row lands: its top third before it, its bottom third after it, the middle inside it. */
function whereOver(e: React.DragEvent): Where {
  const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
  const y = e.clientY - rect.top;
  return y < rect.height / 3 ? "before" : y > (rect.height * 2) / 3 ? "after" : "inside";
}

/** The parent and index a drop means, among the siblings as they will be once the dragged unit has left. */
function dropTarget(units: readonly UnitMetaView[], dragId: string, target: UnitMetaView, where: Where): { parentId: string | null; index: number } {
  if (where === "inside") return { parentId: target.id, index: units.filter((u) => u.parentId === target.id && u.id !== dragId).length };
  const siblings = units.filter((u) => u.parentId === target.parentId && u.id !== dragId).sort((a, b) => a.order - b.order);
  const at = siblings.findIndex((u) => u.id === target.id);
  return { parentId: target.parentId, index: Math.max(0, at + (where === "after" ? 1 : 0)) };
}

/**
 * The unit tree: an ARIA tree with roving focus, disclosure triangles, keyboard moves, drag and
 * drop with a drop indicator, rename, trash (and a view of the trash to restore from). The
 * project's levels bound the tree: a unit at the last level holds nothing, and a move that would
 * put a unit deeper is refused before it is made.
 */
export function Binder() {
  const project = useApp((s) => s.project);
  const currentUnitId = useApp((s) => s.currentUnitId);
  const selectUnit = useApp((s) => s.selectUnit);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [renaming, setRenaming] = useState<string | null>(null);
  const [dragId, setDragId] = useState<string | null>(null);
  const [drop, setDrop] = useState<DropZone | null>(null);
  const [trashOpen, setTrashOpen] = useState(false);
  const treeRef = useRef<HTMLUListElement>(null);
  const renameRequest = useApp((s) => s.renameRequest);
  useEffect(() => {
    if (renameRequest) setRenaming(renameRequest.id);
  }, [renameRequest]);
  const runUnits = useDrafting((s) => s.run?.units);
  const runLive = useDrafting((s) => s.run?.status === "running" || s.run?.status === "pausing" || s.run?.status === "paused");
  const drafting = useMemo(() => {
    const out = new Map<string, { state: string; words: number; target: number; failure?: string }>();
    // a unit shows "queued" or its live bar only while the run that queued it is going on; a failed one until it is drafted
    for (const u of runUnits ?? []) {
      if (!u.unitId || u.state === "done" || (!runLive && u.state !== "failed")) continue;
      out.set(u.unitId, { state: u.state, words: u.words, target: u.targetWords, ...(u.failure ? { failure: u.failure } : {}) });
    }
    return out;
  }, [runUnits, runLive]);

  const units = project?.units ?? [];
  const levels = project?.meta.levels ?? ["Unit"];
  const tree = useMemo(() => buildUnitTree(units), [units]);
  const targets = useMemo(() => rolledUpTargets(units), [units]);
  const visible = useMemo(() => {
    const out: UnitNode<UnitMetaView>[] = [];
    const walk = (nodes: UnitNode<UnitMetaView>[]) => {
      for (const n of nodes) {
        out.push(n);
        if (!collapsed.has(n.unit.id)) walk(n.children);
      }
    };
    walk(tree);
    return out;
  }, [tree, collapsed]);
  // the unit ids whose words each row shows: a chapter shows its scenes' too
  const subtreeIds = useMemo(() => {
    const ids: Record<string, string[]> = {};
    const collect = (n: UnitNode<UnitMetaView>): string[] => (ids[n.unit.id] = [n.unit.id, ...n.children.flatMap(collect)]);
    tree.forEach(collect);
    return ids;
  }, [tree]);

  // the selected unit is always visible: opening one (from the run, a check, a search) unfolds its parents
  useEffect(() => {
    if (!currentUnitId) return;
    const byId = new Map(units.map((u) => [u.id, u]));
    const up: string[] = [];
    for (let p = byId.get(currentUnitId)?.parentId ?? null; p && !up.includes(p); p = byId.get(p)?.parentId ?? null) up.push(p);
    if (up.some((id) => collapsed.has(id))) setCollapsed((c) => new Set([...c].filter((id) => !up.includes(id))));
  }, [currentUnitId, units]);

  const toggle = (id: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const focusItem = (id: string) => {
    selectUnit(id);
    requestAnimationFrame(() => treeRef.current?.querySelector<HTMLElement>(`[data-unit-id="${id}"]`)?.focus());
  };

  const onKeyDown = (e: React.KeyboardEvent, node: UnitNode<UnitMetaView>) => {
    if (renaming) return;
    const i = visible.findIndex((n) => n.unit.id === node.unit.id);
    const id = node.unit.id;
    if (e.altKey && ["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"].includes(e.key)) {
      e.preventDefault();
      const move = ({ ArrowUp: "up", ArrowDown: "down", ArrowLeft: "outdent", ArrowRight: "indent" } as const)[
        e.key as "ArrowUp"
      ];
      void keyboardMove(id, move).then(() => focusItem(id));
      return;
    }
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (visible[i + 1]) focusItem(visible[i + 1]!.unit.id);
        break;
      case "ArrowUp":
        e.preventDefault();
        if (visible[i - 1]) focusItem(visible[i - 1]!.unit.id);
        break;
      case "ArrowRight":
        e.preventDefault();
        if (node.children.length && collapsed.has(id)) toggle(id);
        else if (node.children[0]) focusItem(node.children[0].unit.id);
        break;
      case "ArrowLeft":
        e.preventDefault();
        if (node.children.length && !collapsed.has(id)) toggle(id);
        else if (node.unit.parentId) focusItem(node.unit.parentId);
        break;
      case "Home":
        e.preventDefault();
        if (visible[0]) focusItem(visible[0].unit.id);
        break;
      case "End":
        e.preventDefault();
        if (visible.at(-1)) focusItem(visible.at(-1)!.unit.id);
        break;
      case "F2":
        e.preventDefault();
        setRenaming(id);
        break;
      case "Delete":
        e.preventDefault();
        void trashUnit(id);
        break;
      case "Enter":
        e.preventDefault();
        selectUnit(id);
        focusPage();
        break;
    }
  };

  const zone = (e: React.DragEvent, target: UnitMetaView): DropZone | null => {
    if (!dragId || dragId === target.id) return null;
    const where = whereOver(e);
    const { parentId } = dropTarget(units, dragId, target, where);
    const dragged = units.find((u) => u.id === dragId);
    const intoItself = parentId !== null && subtreeOf(units, dragId).includes(parentId);
    const allowed = !intoItself && !!dragged && "level" in placeUnit(units, levels, dragId, parentId, dragged.level);
    return { id: target.id, where, allowed };
  };

  const onDragOver = (e: React.DragEvent, target: UnitMetaView) => {
    const z = zone(e, target);
    if (z?.allowed) {
      e.preventDefault();
      e.dataTransfer.dropEffect = "move";
    } else e.dataTransfer.dropEffect = "none";
    if (z?.id !== drop?.id || z?.where !== drop?.where || z?.allowed !== drop?.allowed) setDrop(z);
  };

  const onDrop = (e: React.DragEvent, target: UnitMetaView) => {
    e.preventDefault();
    const z = zone(e, target);
    const id = dragId;
    setDragId(null);
    setDrop(null);
    if (!id || !z?.allowed) return;
    const { parentId, index } = dropTarget(units, id, target, z.where);
    if (z.where === "inside") setCollapsed((c) => new Set([...c].filter((x) => x !== target.id)));
    void moveUnit(id, parentId, index);
  };

  const current = units.find((u) => u.id === currentUnitId);
  const topLevel = levelName(levels, 0);
  const childLevel = current && canHoldChildren(levels, current.level) ? levelName(levels, current.level + 1) : null;

  return (
    <nav className="binder" aria-label={t.binder.label} id="binder">
      <div className="binder-head">
        <h2>{t.binder.label}</h2>
        <div className="binder-actions">
          <IconButton
            icon={AddIcon}
            label={t.binder.add(current ? levelName(levels, current.level) : topLevel)}
            {...(current ? { title: `${t.binder.addAfter(levelName(levels, current.level), current.title)} (${shortcutLabel(SHORTCUTS["unit.add"])})` } : {})}
            keys={SHORTCUTS["unit.add"]}
            className="quiet small"
            onClick={() => void (current ? addSibling(current.id) : addUnit(null, 0))}
          />
          {current && childLevel ? (
            <IconButton
              icon={AddChildIcon}
              label={t.binder.addChild(childLevel)}
              keys={SHORTCUTS["unit.add-child"]}
              className="quiet small"
              onClick={() => void addUnit(current.id, current.level + 1)}
            />
          ) : null}
          <IconButton icon={TrashViewIcon} label={t.binder.trashView} className="quiet small" aria-haspopup="dialog" onClick={() => setTrashOpen(true)} />
        </div>
      </div>
      {units.length === 0 ? <p className="binder-empty">{t.binder.empty}</p> : null}
      <ul
        role="tree"
        aria-label={t.binder.label}
        ref={treeRef}
        className={dragId ? "tree dragging" : "tree"}
        onDragLeave={(e) => {
          // Chromium gives drag events no relatedTarget: leaving means the pointer is outside the tree
          const r = e.currentTarget.getBoundingClientRect();
          if (e.clientX <= r.left || e.clientX >= r.right || e.clientY <= r.top || e.clientY >= r.bottom) setDrop(null);
        }}
      >
        {visible.map((node) => {
          const u = node.unit;
          const selected = u.id === currentUnitId;
          const hasChildren = node.children.length > 0;
          const open = hasChildren && !collapsed.has(u.id);
          const dropHere = drop?.id === u.id ? drop : null;
          const live = drafting.get(u.id);
          return (
            <li
              key={u.id}
              role="treeitem"
              aria-level={node.depth + 1}
              aria-selected={selected}
              aria-expanded={hasChildren ? open : undefined}
              tabIndex={selected || (!currentUnitId && node === visible[0]) ? 0 : -1}
              data-unit-id={u.id}
              data-drop={dropHere?.where}
              className={[selected ? "selected" : "", dropHere && !dropHere.allowed ? "drop-refused" : "", dragId === u.id ? "drag-source" : ""].filter(Boolean).join(" ") || undefined}
              style={{ "--depth": node.depth } as CSSProperties}
              draggable={!renaming}
              onDragStart={(e) => {
                e.dataTransfer.effectAllowed = "move";
                e.dataTransfer.setData("text/plain", u.title);
                setDragId(u.id);
              }}
              onDragEnd={() => {
                setDragId(null);
                setDrop(null);
              }}
              onDragOver={(e) => onDragOver(e, u)}
              onDrop={(e) => onDrop(e, u)}
              onClick={() => selectUnit(u.id)}
              onDoubleClick={() => setRenaming(u.id)}
              onKeyDown={(e) => onKeyDown(e, node)}
            >
              {hasChildren ? (
                <span
                  className={open ? "twisty open" : "twisty"}
                  aria-hidden="true"
                  title={open ? t.binder.collapse(u.title) : t.binder.expand(u.title)}
                  onClick={(e) => {
                    e.stopPropagation();
                    toggle(u.id);
                  }}
                  onDoubleClick={(e) => e.stopPropagation()}
                >
                  {open ? <ChevronDownIcon className="icon" focusable="false" /> : <ChevronRightIcon className="icon" focusable="false" />}
                </span>
              ) : (
                <span className="twisty leaf" aria-hidden="true" />
              )}
              {renaming === u.id ? (
                <input
                  aria-label={t.binder.rename}
                  defaultValue={u.title}
                  autoFocus
                  onClick={(e) => e.stopPropagation()}
                  onKeyDown={(e) => {
                    e.stopPropagation();
                    if (e.key === "Enter") {
                      void renameUnit(u.id, e.currentTarget.value).then(() => focusItem(u.id));
                      setRenaming(null);
                    } else if (e.key === "Escape") {
                      setRenaming(null);
                      focusItem(u.id);
                    }
                  }}
                  onBlur={(e) => {
                    void renameUnit(u.id, e.currentTarget.value);
                    setRenaming(null);
                  }}
                />
              ) : (
                <>
                  <span className="unit-title" title={u.title}>
                    {u.title}
                  </span>
                  {live?.state === "drafting" ? (
                    <progress
                      className="unit-drafting"
                      max={live.target || 1}
                      value={Math.min(live.words, live.target)}
                      aria-label={t.binder.drafting(live.words, live.target)}
                    />
                  ) : live?.state === "queued" ? (
                    <span className="unit-words" data-testid="unit-queued">
                      {t.binder.queued}
                    </span>
                  ) : live?.state === "failed" ? (
                    <span className="unit-words unit-failed" data-testid="unit-failed" title={t.binder.failedWhy(live.failure ?? "")}>
                      {t.binder.failed}
                    </span>
                  ) : (
                    <UnitWords ids={subtreeIds[u.id] ?? [u.id]} target={targets.get(u.id) ?? null} />
                  )}
                </>
              )}
            </li>
          );
        })}
      </ul>
      {current ? (
        <div className="binder-foot" role="toolbar" aria-label={t.binder.unitActions(levelName(levels, current.level))}>
          <IconButton icon={RenameIcon} label={t.binder.rename} keys={SHORTCUTS["unit.rename"]} className="quiet small" onClick={() => setRenaming(current.id)} />
          <IconButton icon={MoveUpIcon} label={t.binder.moveUp} keys={SHORTCUTS["unit.up"]} className="quiet small" onClick={() => void keyboardMove(current.id, "up")} />
          <IconButton icon={MoveDownIcon} label={t.binder.moveDown} keys={SHORTCUTS["unit.down"]} className="quiet small" onClick={() => void keyboardMove(current.id, "down")} />
          <IconButton icon={TrashIcon} label={t.binder.trash} keys={SHORTCUTS["unit.trash"]} className="quiet small" onClick={() => void trashUnit(current.id)} />
        </div>
      ) : null}
      {trashOpen ? <TrashDialog onClose={() => setTrashOpen(false)} /> : null}
    </nav>
  );
}

/**
 * A row's word count, and its target with a thin bar of the progress towards it, subscribed on
 * its own: typing changes the open unit's count, and only the rows whose number changes (the
 * unit and its ancestors) re-render, not the whole tree. Memoised, with the same ids array each
 * time (subtreeIds), so the tree re-rendering for a new selection leaves the counts alone.
 */
const UnitWords = memo(function UnitWords({ ids, target }: { ids: string[]; target: number | null }) {
  const n = useApp((s) => ids.reduce((a, id) => a + (s.words[id] ?? 0), 0));
  // no count (nor a bar at zero) until the units' words have come, a moment after the project opens
  const counted = useApp((s) => s.wordsCounted);
  if (!counted) return null;
  if (!target) {
    return (
      <span className="unit-words" aria-hidden="true">
        {n.toLocaleString()}
      </span>
    );
  }
  return (
    <>
      <span className="unit-words" aria-hidden="true" data-target={target} title={t.binder.progress(n, target)}>
        {n.toLocaleString()}
        <span className="unit-target"> / {target.toLocaleString()}</span>
      </span>
      <span className={n >= target ? "unit-progress reached" : "unit-progress"} aria-hidden="true">
        <span style={{ "--fill": Math.min(1, n / target) } as CSSProperties} />
      </span>
    </>
  );
});
