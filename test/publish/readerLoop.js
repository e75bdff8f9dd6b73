// Child process of publishAtomicity.test.ts: follows `current` in a tight loop while the parent
// publishes, and reports every missing file or checksum mismatch it saw.
import { existsSync } from 'node:fs';
import { openCurrentVersion } from './consumeCurrent.js';

const [regionOutDir, stopFile] = process.argv.slice(2);
const errors = [];
const versions = new Set();
let reads = 0;
while (!existsSync(stopFile)) {
  try {
    const { version } = await openCurrentVersion(regionOutDir);
    versions.add(version);
    reads += 1;
    if (reads === 1) process.stdout.write('ready\n');
  } catch (error) {
    errors.push(String(error.message ?? error));
    if (errors.length > 50) break;
  }
}
process.stdout.write(`${JSON.stringify({ reads, versions: versions.size, errors })}\n`);
