import { describe, expect, it } from 'vitest';
import { NO_REP_EDITS } from '../../src/domain/scenario/repEdits.js';
import {
  describeScenarioInputs,
  describeScenarioSpec,
  promotedScenarioNotice,
  scenarioInputHash,
  type ScenarioSpec,
} from '../../src/domain/scenario/scenarioSpec.js';

const hash = 'a'.repeat(64);
const spec = (partial: Partial<ScenarioSpec>): ScenarioSpec => ({
  name: 'what-if',
  mode: 'rebuild',
  seed: 1,
  policyFile: null,
  set: [],
  repsFile: null,
  repEdits: NO_REP_EDITS,
  staffing: null,
  by: null,
  note: null,
  ...partial,
});

describe('scenario specs', () => {
  it('keep the region input hash when nothing is set or edited, and change it otherwise', () => {
    expect(scenarioInputHash(hash, spec({ mode: 'fresh' }))).toBe(hash);
    const frequency = scenarioInputHash(
      hash,
      spec({ set: [{ key: 'visits.small.frequency', value: 'every-4-weeks' }] }),
    );
    const rep = scenarioInputHash(hash, spec({ repEdits: { ...NO_REP_EDITS, remove: ['R05'] } }));
    expect(frequency).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set([hash, frequency, rep]).size).toBe(3);
    expect(scenarioInputHash(hash, spec({ repEdits: { ...NO_REP_EDITS, remove: ['R05'] } }))).toBe(rep);
  });

  it('describe what was tried as the options that make it', () => {
    const tried = spec({
      mode: 'resegment',
      policyFile: { path: '/p.json', sha256: hash },
      set: [
        { key: 'visits.small.frequency', value: 'every-4-weeks' },
        { key: 'cycle.weeks', value: 4 },
      ],
      repEdits: {
        remove: ['R05'],
        change: [{ id: 'R11', tier: 'A', home: null }],
        add: [{ id: 'R13', tier: 'B', home: [119.12, 36.71] }],
      },
      staffing: { recommendation: ['move 1 rep from D to A'], edits: [] },
    });
    expect(describeScenarioInputs(tried)).toEqual([
      '--policy /p.json',
      '--set visits.small.frequency=every-4-weeks',
      '--set cycle.weeks=4',
      '--remove-rep R05',
      '--change-rep R11,A',
      '--add-rep R13,B,119.12,36.71',
    ]);
    expect(describeScenarioSpec(tried)).toMatch(
      /^resegment; --apply-staffing \(move 1 rep from D to A\); --policy \/p\.json; /,
    );
    expect(promotedScenarioNotice('candidate V', tried)).toMatch(
      /^candidate V was planned with inputs the region does not have \(--policy \/p\.json .* --add-rep R13,B,119\.12,36\.71\); once it is current, the next rebuild/,
    );
  });

  it('give no promotion notice when the scenario planned the region inputs', () => {
    expect(promotedScenarioNotice('candidate V', spec({ mode: 'fresh', seed: 7 }))).toBeNull();
    expect(describeScenarioSpec(spec({ staffing: { recommendation: [], edits: [] } }))).toBe(
      'rebuild; --apply-staffing (no change needed)',
    );
  });
});
