// Territory worker entry used when the planner runs from TypeScript sources (tests, `npm run dev`):
// worker threads do not inherit tsx's loader, so register it here before importing the real
// entry. Compiled runs use dist/src/app/territoryWorker.js directly and never load this file.
import { register } from 'tsx/esm/api';

register();
await import('./territoryWorker.ts');
