/**
 * Every studio shortcut, by command id: one table, so the palette, the menus, tooltips and the
 * key handler agree, and a test can hold all of them against the keys a browser keeps for itself
 * (browser-keys.ts). Written as keys.ts spells them ("Mod" is ⌘ on a Mac, Ctrl elsewhere).
 */
export const SHORTCUTS = {
  "screen.write": "Mod+1",
  "screen.brief": "Mod+2",
  "screen.plan": "Mod+3",
  "screen.run": "Mod+4",
  "screen.review": "Mod+5",
  "screen.bible": "Mod+6",
  // Mod+Shift+N would be Chromium's incognito window, which a page never receives
  "unit.add": "Mod+Shift+Enter",
  "unit.add-child": "Mod+Alt+Enter",
  "focus.switch": "Mod+Shift+E",
  "unit.rename": "F2",
  "unit.up": "Alt+ArrowUp",
  "unit.down": "Alt+ArrowDown",
  "unit.indent": "Alt+ArrowRight",
  "unit.outdent": "Alt+ArrowLeft",
  "unit.trash": "Delete",
  "unit.snapshot": "Mod+Shift+S",
  "unit.check": "Mod+Shift+K",
  save: "Mod+S",
  // Mod+J would be the browser's downloads
  "write.assist": "Mod+Shift+Y",
  "view.focus": "Mod+Shift+F",
  "view.inspector": "Mod+Alt+I",
  "view.theme": "Mod+Shift+L",
  "project.export": "Mod+Shift+X",
  "project.settings": "Mod+,",
  palette: "Mod+P",
} as const;

export type ShortcutId = keyof typeof SHORTCUTS;

/**
 * Shortcuts a widget handles only while it has focus (the binder's moves, rename and delete);
 * there the browser's meaning of the key (Alt+← is Back) gives way, as in any tree view.
 */
export const WIDGET_SHORTCUTS: readonly ShortcutId[] = ["unit.rename", "unit.up", "unit.down", "unit.indent", "unit.outdent", "unit.trash"];
