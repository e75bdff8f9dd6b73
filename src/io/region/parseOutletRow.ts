import { VISIT_FREQUENCIES, type VisitFrequency } from '../../domain/policy/policySchema.js';
import type { Outlet } from '../../domain/types.js';
import { openingWindow, parseClockTime } from './parseClockTime.js';
import { parseCoordinates } from './parseCoordinates.js';
import { parseDecimal } from './parseDecimal.js';
import { quarantineText } from '../../i18n/warningText.js';
import { ignoreField, rejectRow, type RowProblem } from './quarantine.js';
import type { CsvRow } from './readCsvTable.js';
import { parseFrequencyName, parseStatus } from './valueAliases.js';
import { appendAll } from '../../domain/appendAll.js';

/** Columns of outlets.csv that must be in the header. */
export const OUTLET_REQUIRED_COLUMNS = [
  'id',
  'name',
  'lon',
  'lat',
  'business_type',
  'monthly_volume',
] as const;
/** Columns of outlets.csv that may be in the header. */
export const OUTLET_OPTIONAL_COLUMNS = [
  'status',
  'locked_rep',
  'open_from',
  'open_to',
  'district',
  'visit_frequency',
  'service_minutes',
] as const;

/** Longest visit the policy allows (policySchema's tier `serviceMinutes` maximum). */
const MAX_SERVICE_MINUTES = 480;

export interface ParsedOutletRow {
  /** Trimmed id ('' when empty). */
  id: string;
  /** The outlet, or null when the row is rejected. */
  outlet: Outlet | null;
  /** Every problem found; any `row-rejected` one means `outlet` is null. */
  problems: RowProblem[];
}

function parseOpeningHours(
  row: CsvRow,
  problems: RowProblem[],
): { openFrom: number | null; openTo: number | null } {
  const fromText = row.get('open_from');
  const toText = row.get('open_to');
  const none = { openFrom: null, openTo: null };
  if (fromText === '' && toText === '') return none;
  const from = fromText === '' ? null : parseClockTime(fromText);
  const to = toText === '' ? null : parseClockTime(toText);
  let bad = false;
  if (fromText !== '' && (from === null || from >= 1440)) {
    problems.push(ignoreField('open_from', fromText, quarantineText('quarantine.badOpenFrom')));
    bad = true;
  }
  if (toText !== '' && to === null) {
    problems.push(ignoreField('open_to', toText, quarantineText('quarantine.badOpenTo')));
    bad = true;
  }
  if (bad) return none;
  if (from === null || to === null) {
    const [field, value] = from === null ? ['open_to', toText] : ['open_from', fromText];
    problems.push(ignoreField(field, value, quarantineText('quarantine.halfWindow')));
    return none;
  }
  const window = openingWindow(from, to);
  if (!window) {
    problems.push(
      ignoreField('open_from,open_to', `${fromText}-${toText}`, quarantineText('quarantine.emptyWindow')),
    );
    return none;
  }
  return { openFrom: window.from, openTo: window.to };
}

/**
 * The optional `visit_frequency` override: one of the policy's frequencies (any case, `_` or `-`)
 * or its Chinese wording (valueAliases.ts).
 */
function parseVisitFrequency(text: string, problems: RowProblem[]): VisitFrequency | null {
  if (text === '') return null;
  const match = parseFrequencyName(text);
  if (match) return match;
  problems.push(
    ignoreField(
      'visit_frequency',
      text,
      quarantineText('quarantine.badVisitFrequency', { choices: VISIT_FREQUENCIES.join(', ') }),
    ),
  );
  return null;
}

/** The optional `service_minutes` override: minutes per visit, > 0 and <= 480. */
function parseServiceMinutes(text: string, problems: RowProblem[]): number | null {
  if (text === '') return null;
  const minutes = parseDecimal(text);
  if (minutes !== null && minutes > 0 && minutes <= MAX_SERVICE_MINUTES) return minutes;
  problems.push(
    ignoreField(
      'service_minutes',
      text,
      quarantineText('quarantine.badServiceMinutes', { max: MAX_SERVICE_MINUTES }),
    ),
  );
  return null;
}

/**
 * Validates one outlets.csv row. The row is rejected when the planner could not place or tier the
 * outlet (empty id, unusable coordinates, missing or bad monthly volume); an
 * unusable optional field is dropped with a `field-ignored` problem and the row is kept: bad
 * status -> active (status and `visit_frequency` may also be written in Chinese, see valueAliases.ts), unknown `locked_rep` -> no lock, bad opening hours -> no window, a bad
 * `visit_frequency` or `service_minutes` override -> the tier's. An overnight
 * window keeps `openTo` past 1440 (see openingWindow). Duplicate ids, outliers and misaligned rows
 * (applyRowShape) need more than the row and are checked by the loader.
 */
export function parseOutletRow(row: CsvRow, knownRepIds: ReadonlySet<string>): ParsedOutletRow {
  const problems: RowProblem[] = [];
  const id = row.get('id');
  if (id === '') problems.push(rejectRow('id', '', quarantineText('quarantine.emptyId')));

  const { point, problems: coordinateProblems } = parseCoordinates(row.get('lon'), row.get('lat'), {
    lon: 'lon',
    lat: 'lat',
  });
  appendAll(problems, coordinateProblems);

  const volumeText = row.get('monthly_volume');
  const volume = parseDecimal(volumeText);
  if (volumeText === '')
    problems.push(rejectRow('monthly_volume', '', quarantineText('quarantine.missingVolume')));
  else if (volume === null) {
    problems.push(rejectRow('monthly_volume', volumeText, quarantineText('quarantine.volumeNotNumber')));
  } else if (volume < 0) {
    problems.push(rejectRow('monthly_volume', volumeText, quarantineText('quarantine.volumeNegative')));
  }

  let name = row.get('name');
  if (name === '' && id !== '') {
    problems.push(ignoreField('name', '', quarantineText('quarantine.emptyName')));
    name = id;
  }
  const businessType = row.get('business_type').toLowerCase();
  if (businessType === '') {
    problems.push(ignoreField('business_type', '', quarantineText('quarantine.emptyBusinessType')));
  }

  const statusText = row.get('status');
  const status: Outlet['status'] = statusText === '' ? 'active' : (parseStatus(statusText) ?? 'active');
  if (statusText !== '' && parseStatus(statusText) === null) {
    problems.push(ignoreField('status', statusText, quarantineText('quarantine.badStatus')));
  }

  const lockText = row.get('locked_rep');
  let lockedRepId: string | null = null;
  if (lockText !== '') {
    if (knownRepIds.has(lockText)) lockedRepId = lockText;
    else problems.push(ignoreField('locked_rep', lockText, quarantineText('quarantine.unknownLock')));
  }

  const { openFrom, openTo } = parseOpeningHours(row, problems);
  const district = row.get('district');
  const visitFrequency = parseVisitFrequency(row.get('visit_frequency'), problems);
  const serviceMinutes = parseServiceMinutes(row.get('service_minutes'), problems);

  const rejected = problems.some((p) => p.action === 'row-rejected');
  if (rejected || point === null || volume === null) return { id, outlet: null, problems };
  return {
    id,
    outlet: {
      id,
      name,
      lon: point.lon,
      lat: point.lat,
      businessType,
      monthlyVolume: volume,
      status,
      lockedRepId,
      openFrom,
      openTo,
      district: district === '' ? null : district,
      // Present only when given, so outlets without overrides look as they always did.
      ...(visitFrequency === null ? {} : { visitFrequency }),
      ...(serviceMinutes === null ? {} : { serviceMinutes }),
      line: row.line,
    },
    problems,
  };
}
