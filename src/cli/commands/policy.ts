import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadRegionPolicy } from '../../io/region/loadRegion.js';
import { resolvePolicy } from '../../domain/policy/resolvePolicy.js';
import type { Policy } from '../../domain/policy/policySchema.js';

async function policyFromFile(file: string): Promise<Policy> {
  let overrides: unknown;
  try {
    overrides = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the policy (${(error as Error).message})`, { cause: error });
  }
  return resolvePolicy([{ source: file, overrides }]);
}

/** `territory policy`: print the effective policy (defaults + region policy.json + --policy). */
export function registerPolicyCommand(program: Command): void {
  program
    .command('policy')
    .description(
      'print the effective policy: built-in defaults merged with the region policy.json and --policy',
    )
    .option('--region <dir>', 'region folder (omit to print the defaults, or defaults + --policy)')
    .option('--policy <file>', 'policy overrides layered over the region policy.json')
    .action(async (opts: { region?: string; policy?: string }) => {
      const policy = opts.region
        ? // Only the policy files are read: a region whose CSV rows are broken still shows its policy.
          await loadRegionPolicy(opts.region, { policyFile: opts.policy })
        : opts.policy
          ? await policyFromFile(opts.policy)
          : resolvePolicy([]);
      process.stdout.write(`${JSON.stringify(policy, null, 2)}\n`);
    });
}
