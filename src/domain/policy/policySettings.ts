import { policySchema, type Policy } from './policySchema.js';
import { checkPolicyConsistency, PolicyError } from './resolvePolicy.js';

/** One `--set key=value` of a scenario: a dotted path into the policy and the value to put there. */
export interface PolicySetting {
  /** The dotted key as given, e.g. `visits.small.frequency` or `segmentation.rules.4.minVolume`. */
  key: string;
  /** The key's segments; a numeric segment indexes an array. */
  path: string[];
  /** The value: the JSON the text parses as, else the text itself as a string. */
  value: unknown;
}

/** A `--set` argument that is not of the form `dotted.key=value`. */
export class PolicySettingSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicySettingSyntaxError';
  }
}

/** Segments that would reach an object's prototype instead of a policy key. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'prototype', 'constructor']);
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/**
 * Parses one `--set` argument, `dotted.key=value`, split at the first `=`. The key is a dotted
 * path of policy keys (letters, digits, `-`, `_`; a number indexes an array, e.g.
 * `segmentation.rules.4.minVolume`). The value is parsed as JSON when it parses (`4`, `false`,
 * `null`, `["Mon","Tue"]`, `{"percentile":85}`, `"4"` for the string 4), else taken as the text
 * itself (`every-4-weeks`, `09:00`), both trimmed. Throws PolicySettingSyntaxError otherwise.
 */
export function parsePolicySetting(text: string): PolicySetting {
  const at = text.indexOf('=');
  if (at === -1)
    throw new PolicySettingSyntaxError(
      `"${text}" is not key=value (e.g. visits.small.frequency=every-4-weeks)`,
    );
  const key = text.slice(0, at).trim();
  const raw = text.slice(at + 1).trim();
  const path = key.split('.');
  const bad = path.find((segment) => !SEGMENT.test(segment) || FORBIDDEN_SEGMENTS.has(segment));
  if (key === '' || bad !== undefined)
    throw new PolicySettingSyntaxError(
      `"${text}": the key must be a dotted policy path such as visits.small.frequency${key === '' ? '' : ` (bad segment "${bad}")`}`,
    );
  let value: unknown = raw;
  try {
    value = JSON.parse(raw) as unknown;
  } catch {
    // Not JSON: the text is the value (a frequency name, a clock time).
  }
  return { key, path, value };
}

/** `key=value` of a setting as the user would type it (strings bare, everything else as JSON). */
export function formatPolicySetting(setting: Pick<PolicySetting, 'key' | 'value'>): string {
  return `${setting.key}=${typeof setting.value === 'string' ? setting.value : JSON.stringify(setting.value)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Sets one setting's value in `draft` (mutated), creating missing objects on the way. */
function setAt(draft: Record<string, unknown>, setting: PolicySetting): void {
  const fail = (why: string): never => {
    throw new PolicyError(`--set ${formatPolicySetting(setting)}: ${why}`, '--set', setting.key);
  };
  let node: unknown = draft;
  for (let i = 0; i < setting.path.length; i++) {
    const segment = setting.path[i]!;
    const last = i === setting.path.length - 1;
    const where = setting.path.slice(0, i).join('.') || 'the policy';
    if (Array.isArray(node)) {
      const index = Number(segment);
      const limit = last ? node.length : node.length - 1;
      if (!/^\d+$/.test(segment) || index > limit)
        fail(
          `${where} is a list of ${node.length}; index it with 0-${limit}${last ? ` (${node.length} appends)` : ''}, or set ${where} whole`,
        );
      if (last) node[index] = setting.value;
      else node = node[index];
      continue;
    }
    if (!isPlainObject(node))
      return fail(
        `${where} is ${describeValue(node)}, not an object with keys; set ${where} whole (e.g. --set '${where}={...}')`,
      );
    if (last) node[segment] = setting.value;
    else {
      if (!Object.hasOwn(node, segment) || node[segment] === undefined) node[segment] = {};
      node = node[segment];
    }
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** The setting that wrote at or around `path` (the last such: later settings win), if any. */
function settingAt(settings: readonly PolicySetting[], path: readonly string[]): PolicySetting | undefined {
  const related = (a: readonly string[], b: readonly string[]): boolean =>
    a.slice(0, Math.min(a.length, b.length)).every((segment, i) => segment === b[i]);
  return [...settings].reverse().find((s) => related(s.path, path));
}

/**
 * Applies a scenario's `--set` settings, in order (a later one wins), to a resolved policy and
 * validates the result as a policy file would be: the strict schema (an unknown key is an error,
 * never ignored), then the pool and cycle checks (checkPolicyConsistency). A setting replaces
 * the value at its key (`--set day.byRepTier={}` empties it; it is not merged over the defaults
 * as policy files are). The input is not modified.
 * Every refusal is a PolicyError whose message starts with the offending `--set key=value` and
 * names the key and value, e.g. `--set visits.small.frequncy=every-4-weeks: unknown policy key
 * visits.small.frequncy (visits.small has frequency, serviceMinutes, timeWindow, method)`.
 */
export function applyPolicySettings(base: Policy, settings: readonly PolicySetting[]): Policy {
  if (settings.length === 0) return base;
  const draft = structuredClone(base) as Record<string, unknown>;
  for (const setting of settings) setAt(draft, setting);

  const parsed = policySchema.safeParse(draft);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.map(String);
    const where = path.join('.');
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      const full = [...path, key];
      const setting = settingAt(settings, full);
      const known = Object.keys(valueAt(base, path) ?? {});
      throw new PolicyError(
        `--set ${setting ? formatPolicySetting(setting) : '(all)'}: unknown policy key ${full.join('.')} (${where || 'the policy'} has ${known.join(', ') || 'no keys'}; see territory policy)`,
        '--set',
        full.join('.'),
      );
    }
    const setting = settingAt(settings, path);
    throw new PolicyError(
      `--set ${setting ? formatPolicySetting(setting) : '(all)'}: invalid policy: ${where || '(root)'} = ${JSON.stringify(valueAt(draft, issue.path)) ?? 'undefined'}: ${issue.message}`,
      '--set',
      where,
    );
  }
  try {
    checkPolicyConsistency(parsed.data);
    return parsed.data;
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    const setting = settingAt(settings, error.key.split('.'));
    throw new PolicyError(
      `--set ${setting ? formatPolicySetting(setting) : settings.map(formatPolicySetting).join(' --set ')}: ${error.message}`,
      '--set',
      error.key,
    );
  }
}
