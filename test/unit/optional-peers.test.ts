// The library must load without its optional peers: only the entry point of an integration may
// import its peer (hbase-mapper/nest: NestJS, hbase-mapper/otel: OpenTelemetry).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const src = join(__dirname, '../../src');
const files = (readdirSync(src, { recursive: true }) as string[])
  .filter((file) => file.endsWith('.ts'))
  .map((file) => relative(src, join(src, file)));

const peers: Array<[peer: RegExp, folder: string]> = [
  [/from '@opentelemetry\//, 'otel/'],
  [/from '@nestjs\//, 'nest/'],
];

describe('optional peers', () => {
  it.each(peers)('only one folder imports %s', (peer, folder) => {
    const importing = files.filter((file) => peer.test(readFileSync(join(src, file), 'utf8')));
    expect(importing.length).toBeGreaterThan(0);
    expect(importing.filter((file) => !file.startsWith(folder))).toEqual([]);
  });

  it('only one file loads class-validator, lazily (require), so the mapper loads without it', () => {
    const loading = files.filter((file) =>
      /['"]class-validator['"]/.test(readFileSync(join(src, file), 'utf8')),
    );
    expect(loading).toEqual(['mapper/lifecycle/class-validator-peer.ts']);
    expect(readFileSync(join(src, loading[0]!), 'utf8')).not.toMatch(/^import .*class-validator/m);
  });

  it('only one file loads koffi, lazily (require), so the client loads without it', () => {
    const loading = files.filter((file) =>
      /(require\(|from )'koffi'/.test(readFileSync(join(src, file), 'utf8')),
    );
    expect(loading).toEqual(['client/auth/gss/gss-library.ts']);
    expect(readFileSync(join(src, loading[0]!), 'utf8')).not.toMatch(/^import .*koffi/m);
  });

  it('nothing outside src/otel imports it', () => {
    const importing = files.filter(
      (file) =>
        !file.startsWith('otel/') && /from '\.\.?\/(\.\.\/)*otel/.test(readFileSync(join(src, file), 'utf8')),
    );
    expect(importing).toEqual([]);
  });
});
