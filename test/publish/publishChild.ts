// Child process of publishCrash.test.ts: publishes the fixture plan and SIGKILLs itself at the
// requested step (optionally the n-th occurrence), simulating a crash at that point of a publish.
import { DEFAULT_POLICY } from '../../src/domain/policy/defaultPolicy.js';
import { publishVersion, type PublishStep } from '../../src/io/publish/publishVersion.js';
import { buildFixturePlan } from '../fixtures/plans/buildFixturePlan.js';

const [regionOutDir, generatedAt, killStep, killOccurrence] = process.argv.slice(2);
if (!regionOutDir || !generatedAt || !killStep)
  throw new Error('usage: publishChild <regionOutDir> <generatedAt> <step> [n]');
let seen = 0;
await publishVersion({
  regionOutDir,
  plan: buildFixturePlan({ generatedAt }),
  policy: DEFAULT_POLICY,
  previous: null,
  programVersion: 'test',
  keep: 3,
  onStep: (step: PublishStep) => {
    if (step !== killStep) return;
    seen += 1;
    if (seen === Number(killOccurrence ?? 1)) process.kill(process.pid, 'SIGKILL');
  },
});
process.stdout.write('completed\n');
