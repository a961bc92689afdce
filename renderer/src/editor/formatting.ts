import type { Editor } from "@tiptap/core";
import { askText } from "../components/ui/ask";
import {
  BoldIcon,
  BulletListIcon,
  FootnoteIcon,
  HeadingIcon,
  ItalicIcon,
  LinkIcon,
  OrderedListIcon,
  QuoteIcon,
  SceneBreakIcon,
  type LucideIcon,
} from "../design/icons";
import { t } from "../strings";
import { insertFootnote } from "./insert-footnote";

/** One formatting action, shown in the toolbar and reachable by name in the command palette. */
export interface FormatAction {
  id: string;
  label: string;
  icon: LucideIcon;
  /** the editor's own shortcut, for the tooltip and the palette (the editor handles the key) */
  keys?: string;
  active?: (e: Editor) => boolean;
  run: (e: Editor) => void;
  /** a thin rule before it in the toolbar */
  groupStart?: boolean;
}

const chain = (e: Editor) => e.chain().focus();

async function askLink(e: Editor): Promise<void> {
  const href = await askText({
    title: t.format.linkTitle,
    confirm: t.format.linkConfirm,
    input: {
      label: t.format.linkLabel,
      placeholder: "https://",
      initial: (e.getAttributes("link").href as string | undefined) ?? "",
      validate: (v) => (/^(https?:|mailto:)\S+$/i.test(v.trim()) ? null : t.format.linkInvalid),
    },
  });
  if (href) chain(e).extendMarkRange("link").setLink({ href: href.trim() }).run();
  else e.commands.focus();
}

export const FORMATS: FormatAction[] = [
  { id: "bold", label: t.format.bold, icon: BoldIcon, keys: "Mod+B", active: (e) => e.isActive("bold"), run: (e) => chain(e).toggleBold().run() },
  { id: "italic", label: t.format.italic, icon: ItalicIcon, keys: "Mod+I", active: (e) => e.isActive("italic"), run: (e) => chain(e).toggleItalic().run() },
  {
    id: "heading",
    label: t.format.heading,
    icon: HeadingIcon,
    groupStart: true,
    active: (e) => e.isActive("heading", { level: 2 }),
    run: (e) => chain(e).toggleHeading({ level: 2 }).run(),
  },
  { id: "quote", label: t.format.quote, icon: QuoteIcon, active: (e) => e.isActive("blockquote"), run: (e) => chain(e).toggleBlockquote().run() },
  { id: "bullet", label: t.format.bullet, icon: BulletListIcon, active: (e) => e.isActive("bulletList"), run: (e) => chain(e).toggleBulletList().run() },
  { id: "ordered", label: t.format.ordered, icon: OrderedListIcon, active: (e) => e.isActive("orderedList"), run: (e) => chain(e).toggleOrderedList().run() },
  { id: "scene-break", label: t.format.sceneBreak, icon: SceneBreakIcon, groupStart: true, run: (e) => chain(e).setHorizontalRule().run() },
  { id: "footnote", label: t.format.footnote, icon: FootnoteIcon, run: (e) => void insertFootnote(e) },
  { id: "link", label: t.format.link, icon: LinkIcon, keys: "Mod+K", active: (e) => e.isActive("link"), run: (e) => void askLink(e) },
];
