import { describe, expect, it } from "vitest";
import {
  decidePermission,
  isAllowedExternal,
  isAllowedNavigation,
  isTrustedSender,
} from "../../../electron/main/security/url-policy";

describe("desktop URL policy", () => {
  it("allows navigation only inside the app bundle", () => {
    expect(isAllowedNavigation("app://quire/index.html")).toBe(true);
    for (const hostile of [
      "file:///etc/passwd",
      "javascript:alert(1)",
      "https://quire.app/",
      "app://quire.evil.com/index.html",
      "app://evil/index.html",
      "app://user:pw@quire/index.html",
      "data:text/html,<script>alert(1)</script>",
      "http://127.0.0.1:4817/",
      "not a url",
    ]) {
      expect(isAllowedNavigation(hostile), hostile).toBe(false);
    }
  });

  it("opens only https links to allowlisted hosts in the system browser", () => {
    expect(isAllowedExternal("https://huggingface.co/Qwen/Qwen2.5-7B-Instruct-GGUF")).toBe(true);
    expect(isAllowedExternal("https://github.com/withcatai/node-llama-cpp")).toBe(true);
    for (const hostile of [
      "http://huggingface.co/",
      "https://huggingface.co.evil.com/",
      "https://evil.com/?huggingface.co",
      "https://huggingface.co@evil.com/",
      "https://xn--githb-wsa.com/",
      "https://github.com:8443/",
      "file:///C:/Windows/System32/calc.exe",
      "javascript:alert(1)",
      "smb://attacker/share",
      "ms-msdt:/id PCWDiagnostic",
    ]) {
      expect(isAllowedExternal(hostile), hostile).toBe(false);
    }
  });

  it("denies every permission request", () => {
    for (const p of ["media", "geolocation", "notifications", "clipboard-read", "openExternal"]) {
      expect(decidePermission(p)).toBe(false);
    }
  });

  it("trusts IPC only from the app's top-level frame", () => {
    expect(isTrustedSender({ url: "app://quire/index.html", parent: null })).toBe(true);
    expect(isTrustedSender({ url: "app://quire/index.html", parent: {} })).toBe(false);
    expect(isTrustedSender({ url: "https://evil.com/", parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});
