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

createRoot(document.getElementById("root")!).render(<App />);
