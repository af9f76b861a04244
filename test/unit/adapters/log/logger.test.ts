import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../src/main/adapters/log/logger.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('createLogger redacts every line', () => {
  it('hides URL credentials, token= values and secret-named fields in the file and on the verbose echo', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sd-log-'));
    dirs.push(dir);
    let echoed = '';
    const echo = new Writable({
      write(chunk: Buffer, _encoding, done) {
        echoed += chunk.toString();
        done();
      },
    });
    const { logger, close } = createLogger({ dir, verbose: true, echo });
    logger.error({ url: '/ws?token=tok-abcdef0123456789', err: 'connect postgres://admin:hunter2@db:5432/app failed' }, 'request failed');
    logger.info({ password: 'pw-123456', env: 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI' }, 'Authorization: Bearer eyJhbGciOi.payload');
    await close();
    const file = await readFile(join(dir, 'stack-doctor.log'), 'utf8');
    for (const text of [file, echoed]) {
      expect(text).toContain('request failed');
      expect(text).toContain('postgres://admin:***@db:5432/app');
      expect(text).toContain('token=***');
      for (const secret of ['tok-abcdef0123456789', 'hunter2', 'pw-123456', 'wJalrXUtnFEMI', 'eyJhbGciOi'])
        expect(text).not.toContain(secret);
    }
  });
});
