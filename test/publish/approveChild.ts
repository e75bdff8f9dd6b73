// Child process of candidates.test.ts: approves a candidate and SIGKILLs itself at the requested
// step of the switch (`verified`: before `current` moves; `current-switched`: before the audit
// line), simulating a crash during `territory approve`.
import { approveVersion } from '../../src/io/publish/review.js';

const [regionOutDir, version, killStep] = process.argv.slice(2);
if (!regionOutDir || !version || !killStep)
  throw new Error('usage: approveChild <regionOutDir> <version> <step>');
await approveVersion(regionOutDir, version, {
  by: 'crash-test',
  onStep: (step) => {
    if (step === killStep) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('completed\n');
