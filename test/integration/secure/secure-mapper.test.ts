// The mapper over secure connections, on each API: the superuser creates the schema (syncSchema), a
// user granted rights on the table by HBase's Java admin saves, finds, scans and deletes entities
// through a Repository over a pool at qop auth-conf; a user without a grant is refused by HBase.
import 'reflect-metadata';
import {
  Column,
  Connection,
  ConnectionPool,
  Counter,
  Entity,
  HBaseError,
  Repository,
  RowKey,
  type SaslQop,
  syncSchema,
  utf8,
} from '../../../src';
import { uniquePrefix } from '../../support/gateway';
import { kinit } from '../../support/kerberos-ticket';
import { secureTestEnv } from '../../support/secure-env';
import { grant } from '../../support/secure-java';

const env = secureTestEnv();
const qop: SaslQop = 'auth-conf';
/**
 * Each API's auth-conf gateway. The user needs CREATE beside read-write: a whole-row delete sent in a
 * batch (Repository.delete) names every family of the table, which the client reads from the table's
 * descriptor, and HBase's AccessController allows that read (getTableDescriptors) to CREATE or ADMIN
 * only: with RW alone the delete fails with AccessDeniedException (action=CREATE), on both APIs.
 */
const APIS = [
  { api: 'thrift1', variable: 'HBASE_SECURE_THRIFT_AUTH_CONF_PORT', rights: 'RWC' },
  { api: 'thrift2', variable: 'HBASE_SECURE_THRIFT2_AUTH_CONF_PORT', rights: 'RWC' },
] as const;

@Entity({ table: 'accounts', families: { info: { maxVersions: 1 }, stats: {} } })
class Account {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) owner?: string;
  @Counter({ family: 'stats' }) logins?: bigint;
}
const account = (id: string, owner: string) => Object.assign(new Account(), { id, owner });

describe.each(APIS)('a Repository over a secure $api pool (qop auth-conf)', ({ api, variable, rights }) => {
  const prefix = uniquePrefix(`smapper-${api}`);
  /** Options of a connection to the auth-conf gateway as the holder of the ticket in `ccache`. */
  const secure = (ccache: string) => ({
    host: 'localhost',
    port: env.port(variable),
    api,
    tablePrefix: prefix,
    auth: { mechanism: 'kerberos' as const, ccache, qop },
    timeout: 20_000,
  });
  let adminCcache: string;

  beforeAll(async () => {
    adminCcache = await kinit('admin');
    await using admin = new Connection(secure(adminCcache));
    expect((await syncSchema(admin, [Account])).created).toEqual(['accounts']);
    // The table's full name: the connection's prefix, then '_'.
    await grant('alice', `${prefix}_accounts`, rights);
  }, 120_000);

  afterAll(async () => {
    await using admin = new Connection(secure(adminCcache));
    await admin.deleteTable('accounts', { disable: true });
  }, 60_000);

  it(`saves, finds, scans, increments and deletes as a user granted ${rights}`, async () => {
    await using pool = new ConnectionPool({ size: 2, ...secure(await kinit('alice')) });
    const accounts = new Repository(Account, pool);
    await accounts.save(['a1', 'a2', 'a3'].map((id) => account(id, `owner of ${id}`)));
    expect(await accounts.findOne('a2')).toMatchObject({ id: 'a2', owner: 'owner of a2' });
    expect(await accounts.increment('a2', 'logins', 3)).toBe(3n);
    const scanned = await accounts.scan({ prefix: 'a' }).toArray();
    expect(scanned.map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
    expect(scanned.every((a) => a instanceof Account)).toBe(true);
    await accounts.delete(['a1', 'a3']);
    expect((await accounts.scan().toArray()).map((a) => a.id)).toEqual(['a2']);
    expect(await accounts.findOne('a1')).toBeUndefined();
  });

  it('is refused by HBase for a user without a grant, with a typed error', async () => {
    await using connection = new Connection(secure(await kinit('bob')));
    const accounts = new Repository(Account, connection);
    const error = await accounts.save(account('b1', 'bob')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HBaseError);
    expect((error as Error).message).toMatch(/AccessDeniedException|Insufficient permissions/);
    expect(await new Repository(Account, connection).findOne('b1').catch(() => 'refused')).toBe('refused');
  });
});
