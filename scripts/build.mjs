/** `npm run build` (and `npm install`, and the test run's set-up): compiles src/ to dist/ if it changed. */
import { buildIfStale } from './start.mjs';

buildIfStale();
