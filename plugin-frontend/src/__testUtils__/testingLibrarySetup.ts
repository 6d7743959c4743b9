import { configure } from '@testing-library/react';

/**
 * Testing Library's `findBy*` and `waitFor` give up after 1 s by default. That is a statement
 * about how fast the machine renders, not about the behaviour under test: beside two CPU-burning
 * processes a page whose data arrives at once still needed 2-4 s to appear, and four component
 * tests failed for that reason alone. A test here waits for what must happen; how long it may
 * take is bounded by the test's own timeout (vitest.config.ts), never by the 1 s default.
 */
configure({ asyncUtilTimeout: 60_000 });
