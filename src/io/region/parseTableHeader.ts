import { FatalInputError } from './fatalInputError.js';
import { aliasLookup, normalizeHeaderName } from './headerAliases.js';
import { truncateValue } from './quarantine.js';
import { errorText } from '../../i18n/warningText.js';

/** The columns a table (CSV file or worksheet) is read against. */
export interface TableColumns {
  required: readonly string[];
  optional: readonly string[];
  /** Free-text columns: the only ones where a CSV value may hold a quoted line break. */
  text?: readonly string[];
  /** Clock-time columns: a worksheet's time serials in them are read as `HH:MM`. */
  time?: readonly string[];
  /** Other names of the columns (see headerAliases.ts); without it only the canonical names match. */
  aliases?: Readonly<Record<string, readonly string[]>>;
}

/** The header of a table read against its expected columns. */
export interface TableHeader {
  /** Header names as written (trimmed), in file order. */
  header: string[];
  /** Number of header columns (trailing empty header cells excluded). */
  width: number;
  /** Index of each known (canonical) column in the row. */
  indexOf: ReadonlyMap<string, number>;
  /**
   * How a column is named in reports: the canonical name of a known column, else the header name
   * as normalised, else `column <n>` (1-based) for an unnamed column or one past the header.
   */
  label: (index: number) => string;
  /** True when the column at `index` is the known column `name` (not a repeat, not unknown). */
  isColumn: (index: number, name: string) => boolean;
}

const lookups = new WeakMap<TableColumns, ReadonlyMap<string, string>>();

/** The alias lookup of a column set, built once per set. */
function lookupOf(columns: TableColumns): ReadonlyMap<string, string> {
  let lookup = lookups.get(columns);
  if (lookup === undefined) {
    lookup = aliasLookup([...columns.required, ...columns.optional], columns.aliases ?? {});
    lookups.set(columns, lookup);
  }
  return lookup;
}

/** The names a required column is accepted under, for the "missing" message. */
function acceptedNames(column: string, columns: TableColumns): string {
  const others = columns.aliases?.[column] ?? [];
  return others.length === 0 ? '' : errorText('error.label.aliases', { names: others.join(', ') });
}

/**
 * Checks a header row against the expected columns and maps every known column, under its own
 * name or an alias, to its index. Fatal (FatalInputError naming the file and the column): a known
 * column named twice, two names of one column (e.g. `编号` and `客户编码`, both id: nobody can tell
 * which one is meant), a required column missing. Unknown columns are kept and ignored; trailing
 * empty header cells (a spreadsheet's stray commas) do not count as columns.
 */
export function parseTableHeader(
  fields: readonly string[],
  path: string,
  columns: TableColumns,
): TableHeader {
  const header = fields.map((f) => f.trim());
  const lookup = lookupOf(columns);
  const indexOf = new Map<string, number>();
  header.forEach((raw, index) => {
    const name = normalizeHeaderName(raw);
    if (name === '') return;
    const column = lookup.get(name);
    if (column !== undefined) {
      const first = indexOf.get(column);
      if (first !== undefined) {
        const firstRaw = header[first] ?? '';
        if (normalizeHeaderName(firstRaw) === name) {
          throw new FatalInputError(
            `${path}: column "${name}" appears twice in the header (which one is meant?)`,
            path,
            column,
          );
        }
        throw new FatalInputError(
          `${path}: columns "${firstRaw}" (column ${first + 1}) and "${raw}" (column ${index + 1}) both mean "${column}"; keep one (which one is meant?)`,
          path,
          column,
        );
      }
      indexOf.set(column, index);
    }
  });
  for (const column of columns.required) {
    if (!indexOf.has(column)) {
      throw new FatalInputError(
        errorText('error.missingColumn', {
          path,
          column,
          aliases: acceptedNames(column, columns),
          found: truncateValue(header.filter((h) => h !== '').join(', ')) || errorText('error.label.nothing'),
        }),
        path,
        column,
      );
    }
  }
  let width = header.length;
  while (width > 0 && header[width - 1] === '') width--;
  const canonicalAt = new Map<number, string>();
  for (const [column, index] of indexOf) canonicalAt.set(index, column);
  return {
    header,
    width,
    indexOf,
    label: (index) => {
      if (index >= width || header[index] === '') return `column ${index + 1}`;
      return canonicalAt.get(index) ?? normalizeHeaderName(header[index] ?? '');
    },
    isColumn: (index, name) => canonicalAt.get(index) === name,
  };
}
