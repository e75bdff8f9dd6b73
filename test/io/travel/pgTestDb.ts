import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
const HOST = '127.0.0.1';
const PORT = 5432;
const USER = 'postgres';

/** The river town: a 7 x 5 street grid split by a river between columns 2 and 4, one bridge on row 0, an unconnected island lane. */
export const RIVER_TOWN_OSM = new URL('../../fixtures/osm/river-town.osm', import.meta.url).pathname;

/** A throwaway database of this test run with PostGIS, pgRouting and the river town imported by osm2pgrouting. */
export interface TravelTestDb {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    host: HOST,
    port: PORT,
    user: USER,
    database: 'postgres',
    connectionTimeoutMillis: 10_000,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a database with a unique name (never one that exists), imports `osmFile` into it with
 * osm2pgrouting, and returns its URL and a `drop` that removes it again (connections included).
 */
export async function createTravelTestDb(osmFile = RIVER_TOWN_OSM): Promise<TravelTestDb> {
  const name = `tw_travel_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const url = `postgres://${USER}@${HOST}:${PORT}/${name}`;
  const drop = (): Promise<void> =>
    admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)));
  try {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('CREATE EXTENSION postgis; CREATE EXTENSION pgrouting;');
    await client.end();
    await run(
      'osm2pgrouting',
      ['-f', osmFile, '-d', name, '-U', USER, '-h', HOST, '-p', String(PORT), '--clean'],
      {
        timeout: 60_000,
      },
    );
  } catch (error) {
    await drop();
    throw error;
  }
  return { name, url, drop };
}
