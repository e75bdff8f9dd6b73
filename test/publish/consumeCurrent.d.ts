// Types of the plain-JavaScript README example in consumeCurrent.js.
export interface OpenedVersion {
  version: string;
  dir: string;
  manifest: { version: string; files: Array<{ path: string; size: number; sha256: string }> };
  files: Map<string, Buffer>;
}

export interface RepDayStop {
  seq: number;
  arrival: string;
  outletId: string;
  name: string;
  lon: number;
  lat: number;
}

export function openCurrentVersion(regionOutDir: string): Promise<OpenedVersion>;

export function readRepDay(
  regionOutDir: string,
  repId: string,
  week: number,
  weekday: string,
): Promise<{ version: string; repId: string; week: number; weekday: string; stops: RepDayStop[] }>;
