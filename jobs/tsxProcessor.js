// Sandbox entry used when the worker runs from TypeScript sources (tests, `npm run dev`): worker
// threads do not inherit tsx's loader, so register it here before importing the real processor.
// Compiled deployments use dist/jobs/index.js directly and never load this file.
import { register } from 'tsx/esm/api';

register();
const { default: processJob } = await import('./index.ts');

export default processJob;
