import { z } from "zod";
import { describe, expect, it } from "vitest";
import { methods } from "../../../electron/shared/contract/index";
import { boundedRecord, worstCaseJsonBytes } from "../../../electron/shared/contract/payload-bounds";

const MiB = 1024 * 1024;

describe("every input the contract accepts has a size limit", () => {
  it("reads the worst case from a schema: strings at 6 bytes a character, arrays by items, records by entries", () => {
    const schema = z.object({ a: z.string().max(10), b: z.array(z.number()).max(3), c: boundedRecord(z.string().max(2), z.boolean(), 4) });
    const worst = { a: "\u0001".repeat(10), b: [-1.2345678901234567e308, -1.2345678901234567e308, -1.2345678901234567e308], c: { "\u0001\u0001": false, "\u0002\u0002": false, "\u0003\u0003": false, "\u0004\u0004": false } };
    expect(schema.safeParse(worst).success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(worst))).toBeLessThanOrEqual(worstCaseJsonBytes(schema));
    expect(worstCaseJsonBytes(z.object({ a: z.string() }))).toBe(Number.POSITIVE_INFINITY);
    expect(worstCaseJsonBytes(z.record(z.string().max(2), z.boolean()))).toBe(Number.POSITIVE_INFINITY);
    expect(boundedRecord(z.string(), z.number(), 2).safeParse({ a: 1, b: 2, c: 3 }).success).toBe(false);
  });

  it("no method's payload can grow without a limit", () => {
    const unbounded = Object.entries(methods)
      .filter(([, m]) => !Number.isFinite(worstCaseJsonBytes(m.input)))
      .map(([name]) => name);
    expect(unbounded).toEqual([]);
  });

  it("the largest payload any method accepts fits one browser-mode frame of reasonable size (under 160 MiB)", () => {
    const sizes = Object.entries(methods).map(([name, m]) => [name, worstCaseJsonBytes(m.input)] as const);
    const over = sizes.filter(([, bytes]) => bytes > 160 * MiB).map(([name, bytes]) => `${name}: ${(bytes / MiB).toFixed(0)} MiB`);
    expect(over).toEqual([]);
  });
});
