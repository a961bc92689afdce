import { useEffect, useState } from "react";
import { ExitFocusIcon } from "../design/icons";
import { useApp } from "../state/app-store";
import { t } from "../strings";
import { IconButton } from "./ui/IconButton";

/**
 * Focus mode's only control: invisible while the writer types, shown for a moment on entering and
 * whenever the pointer moves, and always reachable by Tab and by Esc.
 */
export function FocusExit() {
  const [hinting, setHinting] = useState(true);
  useEffect(() => {
    let timer = setTimeout(() => setHinting(false), 2500);
    const wake = () => {
      setHinting(true);
      clearTimeout(timer);
      timer = setTimeout(() => setHinting(false), 1500);
    };
    addEventListener("mousemove", wake);
    return () => {
      clearTimeout(timer);
      removeEventListener("mousemove", wake);
    };
  }, []);
  return (
    <IconButton
      icon={ExitFocusIcon}
      label={t.settings.exitFocusHint}
      className={hinting ? "quiet focus-exit hinting" : "quiet focus-exit"}
      data-testid="focus-exit"
      onClick={() => useApp.getState().setFocusMode(false)}
    />
  );
}
