// Reading published route files safely (README: "Consuming route files").
import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';

/** Resolves `current` once and checks every file of that version against manifest.json. */
export async function openCurrentVersion(regionOutDir) {
  // Resolve the symlink once and read everything from the resolved folder: a publish that
  // switches `current` meanwhile cannot make you mix files of two versions.
  const dir = await realpath(join(regionOutDir, 'current'));
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
  const files = new Map();
  for (const entry of manifest.files) {
    const bytes = await readFile(join(dir, entry.path));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (bytes.length !== entry.size || sha256 !== entry.sha256) {
      throw new Error(`${manifest.version}/${entry.path}: size or sha256 differs from manifest.json`);
    }
    files.set(entry.path, bytes);
  }
  return { version: manifest.version, dir, manifest, files };
}

/** One rep's stops on one day of the cycle, e.g. readRepDay('out/north', 'C1', 1, 'Mon'). */
export async function readRepDay(regionOutDir, repId, week, weekday) {
  const { version, files } = await openCurrentVersion(regionOutDir);
  const plan = JSON.parse(files.get('plan.json').toString('utf8'));
  const outlets = new Map(plan.outlets.map((o) => [o.id, o]));
  const rep = plan.reps.find((r) => r.id === repId);
  const day = rep?.days?.find((d) => d.week === week && d.weekday === weekday);
  const stops = (day?.stops ?? []).map((s) => {
    const outlet = outlets.get(s.outletId);
    return {
      seq: s.seq,
      arrival: s.arrival,
      outletId: s.outletId,
      name: outlet.name,
      lon: outlet.lon,
      lat: outlet.lat,
    };
  });
  return { version, repId, week, weekday, stops };
}
