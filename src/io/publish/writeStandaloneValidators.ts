import { writeFileSync } from 'node:fs';
import { PRECOMPILED_VALIDATORS_FILE } from './schemaValidators.js';
import { renderStandaloneValidators } from './standaloneValidators.js';

// Build step (`npm run build`, after tsc): writes dist/schema-validators.cjs.
writeFileSync(PRECOMPILED_VALIDATORS_FILE, renderStandaloneValidators());
