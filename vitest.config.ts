import { defineConfig } from 'vitest/config';

// Unit and property tests live beside the code they test (src/**/x.test.ts)
// and run in Node: the engine has no browser dependency.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
