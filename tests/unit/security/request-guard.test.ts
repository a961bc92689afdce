import { describe, expect, it } from "vitest";
import { isAllowedHost, isAllowedOrigin, tokenMatches } from "../../../electron/server/request-guard";

describe("browser-mode request guard", () => {
  it("accepts only loopback Host headers on our port (DNS rebinding)", () => {
    expect(isAllowedHost("127.0.0.1:4817", 4817)).toBe(true);
    expect(isAllowedHost("localhost:4817", 4817)).toBe(true);
    for (const h of ["evil.com:4817", "127.0.0.1:80", "127.0.0.1", "localhost.evil.com:4817", "", undefined]) {
      expect(isAllowedHost(h, 4817), String(h)).toBe(false);
    }
  });

  it("accepts only our own Origin (cross-site WebSocket hijacking)", () => {
    expect(isAllowedOrigin("http://127.0.0.1:4817", 4817)).toBe(true);
    for (const o of ["https://evil.com", "http://127.0.0.1:4818", "null", "http://localhost:4817.evil.com", undefined]) {
      expect(isAllowedOrigin(o, 4817), String(o)).toBe(false);
    }
  });

  it("compares tokens exactly", () => {
    expect(tokenMatches("abc", "abc")).toBe(true);
    expect(tokenMatches("abd", "abc")).toBe(false);
    expect(tokenMatches("ab", "abc")).toBe(false);
    expect(tokenMatches(null, "abc")).toBe(false);
  });
});
