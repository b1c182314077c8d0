import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

// Demo mode signs every visitor in as the demo administrator, so the real server (the production
// build, as `npm start` runs it) refuses to start on a non-loopback address, says why and how to
// allow it, and answers nothing.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

test('demo mode without sign-in refuses to listen beyond loopback', async () => {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'warden-exposed-demo-'));
  const child = spawn(join(process.cwd(), 'node_modules', '.bin', 'next'), ['start', '--port', String(port), '--hostname', '0.0.0.0'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: `file:${join(dir, 'warden.db')}`,
      WARDEN_MODE: 'demo',
      WARDEN_AUTH: 'auto',
      WARDEN_HOST: '0.0.0.0',
      WARDEN_DEMO_ALLOW_REMOTE: 'false',
      WARDEN_SYNC_SCHEDULE: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // Whatever happens, the server does not outlive the test.
  test.info().setTimeout(60_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve)).finally(() => child.kill('SIGKILL'));

  expect(code).toBe(78);
  expect(stderr).toContain('[warden] refusing to start: demo mode signs every visitor in as an administrator, so it only listens on loopback: WARDEN_HOST=0.0.0.0 is not loopback.');
  expect(stderr).toContain('Set WARDEN_AUTH=required to require sign-in, or WARDEN_DEMO_ALLOW_REMOTE=true');
  await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
});
