/**
 * The studio's icon set: Lucide (lucide-react, pinned), one outline style at one stroke width.
 * Every icon the studio shows is named here, so the set stays small and consistent; components
 * import from this file, never from lucide-react directly.
 */
export {
  ArchiveRestore as TrashViewIcon,
  ArrowDown as MoveDownIcon,
  ArrowUp as MoveUpIcon,
  Bold as BoldIcon,
  BookOpen as BibleIcon,
  Check as CheckIcon,
  ChevronDown as ChevronDownIcon,
  ChevronRight as ChevronRightIcon,
  Command as CommandIcon,
  Cpu as ModelsIcon,
  Download as ExportIcon,
  Ellipsis as MoreIcon,
  Eye as ShowIcon,
  EyeOff as HideIcon,
  FolderOpen as ProjectsIcon,
  FolderPlus as AddChildIcon,
  Heading2 as HeadingIcon,
  Italic as ItalicIcon,
  Link as LinkIcon,
  List as BulletListIcon,
  ListOrdered as OrderedListIcon,
  Maximize2 as FocusIcon,
  Minimize2 as ExitFocusIcon,
  Minus as SceneBreakIcon,
  Moon as DarkIcon,
  PanelRight as InspectorIcon,
  Pencil as RenameIcon,
  Plus as AddIcon,
  Quote as QuoteIcon,
  Search as SearchIcon,
  Settings2 as SettingsIcon,
  Sparkles as AssistIcon,
  Sun as LightIcon,
  Superscript as FootnoteIcon,
  Trash2 as TrashIcon,
  X as CloseIcon,
} from "lucide-react";
export type { LucideIcon } from "lucide-react";
