import { useEffect, useMemo, useRef, useState, type CSSProperties } from "react";
import { buildUnitTree, flattenTree, levelName, type UnitNode } from "../../../electron/shared/domain/unit-tree";
import { addUnit, keyboardMove, moveUnit, renameUnit, trashUnit } from "../actions";
import { useApp, type UnitMetaView } from "../state/app-store";
import { t } from "../strings";
import { useDrafting } from "../drafting/drafting-store";
import { AddChildIcon, AddIcon, MoveDownIcon, MoveUpIcon, RenameIcon, TrashIcon } from "../design/icons";
import { IconButton } from "./ui/IconButton";

/** The unit tree: an ARIA tree with roving focus, keyboard moves, drag and drop, rename and trash. */
export function Binder() {
  const project = useApp((s) => s.project);
  const currentUnitId = useApp((s) => s.currentUnitId);
  const selectUnit = useApp((s) => s.selectUnit);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [renaming, setRenaming] = useState<string | null>(null);
  const [dragId, setDragId] = useState<string | null>(null);
  const treeRef = useRef<HTMLUListElement>(null);
  const renameRequest = useApp((s) => s.renameRequest);
  useEffect(() => {
    if (renameRequest) setRenaming(renameRequest.id);
  }, [renameRequest]);
  const runUnits = useDrafting((s) => s.run?.units);
  const drafting = useMemo(() => {
    const out = new Map<string, { state: string; words: number; target: number; failure?: string }>();
    for (const u of runUnits ?? []) if (u.unitId && u.state !== "done") out.set(u.unitId, { state: u.state, words: u.words, target: u.targetWords, ...(u.failure ? { failure: u.failure } : {}) });
    return out;
  }, [runUnits]);

  const units = project?.units ?? [];
  const levels = project?.meta.levels ?? ["Unit"];
  const tree = useMemo(() => buildUnitTree(units), [units]);
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
        if (node.children.length && collapsed.has(id)) setCollapsed((c) => new Set([...c].filter((x) => x !== id)));
        else if (node.children[0]) focusItem(node.children[0].unit.id);
        break;
      case "ArrowLeft":
        e.preventDefault();
        if (node.children.length && !collapsed.has(id)) setCollapsed((c) => new Set(c).add(id));
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
        document.querySelector<HTMLElement>(".manuscript")?.focus();
        break;
    }
  };

  const onDrop = (e: React.DragEvent, target: UnitMetaView) => {
    e.preventDefault();
    if (!dragId || dragId === target.id) return;
    const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
    const inside = e.clientY > rect.top + rect.height * 0.33 && e.clientY < rect.top + rect.height * 0.66;
    if (inside) {
      void moveUnit(dragId, target.id, units.filter((u) => u.parentId === target.id).length);
    } else {
      const siblings = units.filter((u) => u.parentId === target.parentId && u.id !== dragId).sort((a, b) => a.order - b.order);
      const at = siblings.findIndex((u) => u.id === target.id) + (e.clientY >= rect.top + rect.height * 0.66 ? 1 : 0);
      void moveUnit(dragId, target.parentId, Math.max(0, at));
    }
    setDragId(null);
  };

  const current = units.find((u) => u.id === currentUnitId);
  const topLevel = levelName(levels, 0);

  return (
    <nav className="binder" aria-label={t.binder.label}>
      <div className="binder-head">
        <h2>{t.binder.label}</h2>
        <div className="binder-actions">
          <IconButton icon={AddIcon} label={t.binder.add(topLevel)} className="quiet small" onClick={() => void addUnit(null, 0)} />
          {current ? (
            <IconButton
              icon={AddChildIcon}
              label={t.binder.addChild(levelName(levels, current.level + 1))}
              className="quiet small"
              onClick={() => void addUnit(current.id, current.level + 1)}
            />
          ) : null}
        </div>
      </div>
      {units.length === 0 ? <p className="binder-empty">{t.binder.empty}</p> : null}
      <ul role="tree" aria-label={t.binder.label} ref={treeRef} className="tree">
        {visible.map((node) => {
          const u = node.unit;
          const selected = u.id === currentUnitId;
          const hasChildren = node.children.length > 0;
          return (
            <li
              key={u.id}
              role="treeitem"
              aria-level={node.depth + 1}
              aria-selected={selected}
              aria-expanded={hasChildren ? !collapsed.has(u.id) : undefined}
              tabIndex={selected || (!currentUnitId && node === visible[0]) ? 0 : -1}
              data-unit-id={u.id}
              className={selected ? "selected" : undefined}
              style={{ "--depth": node.depth } as CSSProperties}
              draggable={!renaming}
              onDragStart={() => setDragId(u.id)}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => onDrop(e, u)}
              onClick={() => selectUnit(u.id)}
              onDoubleClick={() => setRenaming(u.id)}
              onKeyDown={(e) => onKeyDown(e, node)}
            >
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
                  <span className="unit-title">{u.title}</span>
                  {drafting.get(u.id)?.state === "drafting" ? (
                    <progress
                      className="unit-drafting"
                      max={drafting.get(u.id)!.target || 1}
                      value={Math.min(drafting.get(u.id)!.words, drafting.get(u.id)!.target)}
                      aria-label={t.binder.drafting(drafting.get(u.id)!.words, drafting.get(u.id)!.target)}
                    />
                  ) : drafting.get(u.id)?.state === "queued" ? (
                    <span className="unit-words">{t.binder.queued}</span>
                  ) : drafting.get(u.id)?.state === "failed" ? (
                    <span className="unit-words unit-failed" data-testid="unit-failed" title={t.binder.failedWhy(drafting.get(u.id)!.failure ?? "")}>{t.binder.failed}</span>
                  ) : (
                    <UnitWords ids={hasChildren ? subtreeIds[u.id] ?? [u.id] : [u.id]} />
                  )}
                </>
              )}
            </li>
          );
        })}
      </ul>
      {current ? (
        <div className="binder-foot" role="toolbar" aria-label={t.binder.unitActions(levelName(levels, current.level))}>
          <IconButton icon={RenameIcon} label={t.binder.rename} keys="F2" className="quiet small" onClick={() => setRenaming(current.id)} />
          <IconButton icon={MoveUpIcon} label={t.binder.moveUp} keys="Alt+ArrowUp" className="quiet small" onClick={() => void keyboardMove(current.id, "up")} />
          <IconButton icon={MoveDownIcon} label={t.binder.moveDown} keys="Alt+ArrowDown" className="quiet small" onClick={() => void keyboardMove(current.id, "down")} />
          <IconButton icon={TrashIcon} label={t.binder.trash} keys="Delete" className="quiet small" onClick={() => void trashUnit(current.id)} />
        </div>
      ) : null}
    </nav>
  );
}

/**
 * A row's word count, subscribed on its own: typing changes the open unit's count, and only
 * the rows whose number changes (the unit and its ancestors) re-render, not the whole tree.
 */
function UnitWords({ ids }: { ids: string[] }) {
  const n = useApp((s) => ids.reduce((a, id) => a + (s.words[id] ?? 0), 0));
  return (
    <span className="unit-words" aria-hidden="true">
      {n.toLocaleString()}
    </span>
  );
}
