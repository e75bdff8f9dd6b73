import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway redis-server for integration tests: its own free port, no persistence (unless
 * `persistent`: AOF in a temporary folder, so `restart` keeps the data), stopped after the tests. Tests must never touch a developer's Redis at 127.0.0.1:6379; when REDIS_URL
 * is set (e.g. CI with a service container) that server is used instead and `stop` is a no-op.
 */
export interface TestRedis {
  /** redis://127.0.0.1:<port> (or REDIS_URL). */
  url: string;
  port: number;
  /** Stops the server (SIGTERM, waits for exit); no-op for an external REDIS_URL. */
  stop: () => Promise<void>;
  /** Stops the server, keeps it down for `downMs`, starts it again on the same port (reconnection tests). */
  restart: (downMs?: number) => Promise<void>;
  /** True when the server is the external REDIS_URL (restart tests must be skipped). */
  external: boolean;
}

const REDIS_SERVER = process.env.REDIS_SERVER_BIN ?? 'redis-server';

/** Finds a free TCP port by binding port 0 and releasing it. */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not determine a free port'));
        return;
      }
      const port = address.port;
      server.close(() => resolve(port));
    });
  });
}

/** Sends PING over a raw socket and resolves true on +PONG. */
async function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

async function waitForPing(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`redis-server on port ${port} exited with ${child.exitCode}: ${output()}`);
    }
    if (await ping(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server on port ${port} did not answer PING within 10 s: ${output()}`);
}

function launch(port: number, dataDir: string | null): { child: ChildProcess; output: () => string } {
  // With a data folder: AOF as in docker-compose.yml (appendfsync everysec; a SIGTERM flushes it).
  const persistence = dataDir
    ? ['--appendonly', 'yes', '--appendfsync', 'everysec', '--dir', dataDir]
    : ['--appendonly', 'no'];
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, '--loglevel', 'warning'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let text = '';
  child.stdout?.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (text += d.toString()));
  return { child, output: () => text.slice(-2000) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface TestRedisOptions {
  /**
   * Append-only file in a temporary folder (removed by `stop`), so a `restart` comes back with
   * the data, like a production Redis with AOF. Ignored for an external REDIS_URL.
   */
  persistent?: boolean;
}

/** Starts a throwaway redis-server (or wraps REDIS_URL) and waits until it answers PING. */
export async function startTestRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const external = process.env.REDIS_URL;
  if (external) {
    const port = Number(new URL(external).port || 6379);
    return {
      url: external,
      port,
      external: true,
      stop: () => Promise.resolve(),
      restart: () => Promise.resolve(),
    };
  }
  const port = await findFreePort();
  const dataDir = options.persistent ? mkdtempSync(join(tmpdir(), 'tw-redis-aof-')) : null;
  let current = launch(port, dataDir);
  await waitForPing(port, current.child, current.output);
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    external: false,
    stop: async () => {
      await stopChild(current.child);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
    restart: async (downMs = 0) => {
      await stopChild(current.child);
      await new Promise((r) => setTimeout(r, downMs));
      current = launch(port, dataDir);
      await waitForPing(port, current.child, current.output);
    },
  };
}
