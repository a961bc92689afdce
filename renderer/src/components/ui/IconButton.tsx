import type { ButtonHTMLAttributes } from "react";
import type { LucideIcon } from "../../design/icons";
import { shortcutLabel } from "../../commands/keys";

/**
 * A button that shows an icon (and, when `showLabel`, its name). The name is always its
 * accessible name; the tooltip adds the shortcut, so the mouse learns the keys.
 */
export function IconButton({
  icon: Icon,
  label,
  keys,
  showLabel = false,
  className = "quiet",
  ...rest
}: { icon: LucideIcon; label: string; keys?: string; showLabel?: boolean } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type="button"
      aria-label={showLabel ? undefined : label}
      title={keys ? `${label} (${shortcutLabel(keys)})` : label}
      className={`${className}${showLabel ? "" : " icon-only"}`}
      {...rest}
    >
      <Icon className="icon" aria-hidden="true" focusable="false" />
      {showLabel ? <span>{label}</span> : null}
    </button>
  );
}
