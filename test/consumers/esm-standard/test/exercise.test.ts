// The same checks, loaded by Vitest (its own module loader and TypeScript transform). Vite leaves
// standard decorators as they are (Node 20 cannot parse them), so this entity is declared with
// defineEntity, the same metadata without decorators.
import { defineEntity, utf8 } from 'hbase-mapper';
import { expect, test } from 'vitest';
import { exercise, type UserFields } from '../src/exercise.js';

class User implements UserFields {
  id!: string;
  name?: string;
  logins?: bigint;
}
defineEntity(User, {
  table: 'users',
  families: { info: { maxVersions: 1 }, stats: {} },
  rowKey: { id: { codec: utf8 } },
  columns: { name: { family: 'info', codec: utf8 } },
  counters: { logins: { family: 'stats' } },
});

test('hbase-mapper works under Vitest', async () => {
  await expect(exercise('vitest', User)).resolves.toBeUndefined();
}, 60_000);
