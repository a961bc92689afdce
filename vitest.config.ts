import { defineConfig } from "vitest/config";

// expect.poll waits for what a loaded CI machine may take seconds to show; a value that never
// comes still fails, only later (vitest's default of 1 s could fail a slow run at random)
const poll = { timeout: 15_000, interval: 50 };

export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["tests/unit/**/*.test.ts"], testTimeout: 20_000, expect: { poll } } },
      {
        test: {
          name: "model",
          include: ["tests/model/**/*.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // real llama.cpp work: one file at a time on a 2-core machine
          fileParallelism: false,
          expect: { poll },
        },
      },
      {
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          expect: { poll },
        },
      },
    ],
  },
});
