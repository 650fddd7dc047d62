// The https gateways' self-signed identity: made once per cache folder with the JDK's keytool,
// reused afterwards, remade when a previous attempt left it incomplete.

import { X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureKeystore } from '../../../src/testing/keystore';

jest.setTimeout(60_000);

const cache = mkdtempSync(join(tmpdir(), 'hbase-kit-tls-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

test('made once, for localhost and 127.0.0.1, then reused', async () => {
  const made = await ensureKeystore(cache, 'keytool');
  const certificate = new X509Certificate(made.caPem);
  expect(certificate.checkIP('127.0.0.1')).toBe('127.0.0.1');
  expect(certificate.checkHost('localhost')).toBe('localhost');
  const modified = statSync(made.keystore).mtimeMs;
  const again = await ensureKeystore(cache, 'keytool');
  expect(again.caPem).toBe(made.caPem);
  expect(statSync(again.keystore).mtimeMs).toBe(modified);
});

test('an incomplete folder is replaced', async () => {
  const other = join(cache, 'other');
  mkdirSync(join(other, 'tls'), { recursive: true });
  writeFileSync(join(other, 'tls', 'ca.pem'), 'half');
  const made = await ensureKeystore(other, 'keytool');
  expect(made.caPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
});
