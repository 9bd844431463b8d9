import { defineConfig } from 'vitest/config';

// Unit tests live beside the code (`*.test.ts`); browser tests live in tests/e2e and run with Playwright.
export default defineConfig({
  test: {
    include: ['engine/**/*.test.ts', 'src/**/*.test.ts', 'components/**/*.test.ts', 'content/**/*.test.ts', 'tests/unit/**/*.test.ts', 'scripts/**/*.test.ts'],
    globals: true,
    environment: 'node',
    benchmark: { include: ['bench/**/*.bench.ts', 'engine/**/*.bench.ts'] },
  },
});
