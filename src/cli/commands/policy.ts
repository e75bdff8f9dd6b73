import type { Command } from 'commander';
import { parsePolicyFile, resolveRegionPolicy } from '../../io/region/loadPolicy.js';
import { loadRegionPolicy } from '../../io/region/loadRegion.js';
import { readInputFile } from '../../io/region/readInputFile.js';
import { resolvePolicy } from '../../domain/policy/resolvePolicy.js';
import type { Policy } from '../../domain/policy/policySchema.js';

/** Defaults + one policy file, read with the loader's rules (size and depth bounds, an object, the file named). */
async function policyFromFile(file: string): Promise<Policy> {
  const bytes = (await readInputFile(file, true)) as Buffer;
  return resolveRegionPolicy([{ path: file, overrides: parsePolicyFile(bytes, file) }]);
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
