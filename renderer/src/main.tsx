performance.mark("quire:boot");
import { createRoot } from "react-dom/client";
// the bundled faces, served from the app itself (no network at run time): Inter for the UI, Literata for the page
import "@fontsource-variable/inter/wght.css";
import "@fontsource-variable/literata/opsz.css";
import "@fontsource-variable/literata/opsz-italic.css";
import "./design/tokens.css";
import "./design/base.css";
import "./styles.css";
import { App } from "./App";

// the page's face is fetched now, beside the project, not when the first chapter asks for it: a
// chapter laid out in a fallback face is laid out again when the face lands (a reflow, and a flash)
void document.fonts?.load('1em "Literata Variable"', "a").catch(() => undefined);

createRoot(document.getElementById("root")!).render(<App />);
