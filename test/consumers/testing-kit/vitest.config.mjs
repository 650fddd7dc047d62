// A Vitest configuration as the testing guide shows it.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['vitest/*.test.ts'],
    globalSetup: ['hbase-mapper/testing/vitest-global-setup'],
    testTimeout: 60_000,
  },
});
