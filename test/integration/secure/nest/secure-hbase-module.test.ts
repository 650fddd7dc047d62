// HBaseModule over a secure gateway: the `auth` option passes through forRoot/forRootAsync to the
// pool, synchronize creates the tables as the ticket holder, an injected repository works end to
// end at qop auth-conf, and a start-up without a valid ticket fails at once with the typed
// AuthenticationError (no retry can mend it). Runs in the integration-secure-legacy project (NestJS
// needs experimentalDecorators).
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  AuthenticationError,
  Connection,
  Counter,
  Entity,
  type Repository,
  RowKey,
  utf8,
} from '../../../../src';
import { HBaseModule, InjectRepository } from '../../../../src/nest';
import { uniquePrefix } from '../../../support/gateway';
import { hasValidTicket, kinit } from '../../../support/kerberos-ticket';
import { secureTestEnv } from '../../../support/secure-env';

const env = secureTestEnv();
const prefix = uniquePrefix('snest');
/** The secure gateway's address and the protection asked of it (all but the ticket). */
const gateway = {
  host: 'localhost',
  port: env.port('HBASE_SECURE_THRIFT_AUTH_CONF_PORT'),
  tablePrefix: prefix,
  timeout: 20_000,
};
const kerberos = (ccache: string) => ({ mechanism: 'kerberos' as const, ccache, qop: 'auth-conf' as const });

@Entity({ table: 'visits', families: { v: {} } })
class Visit {
  @RowKey({ codec: utf8 }) page!: string;
  @Counter({ family: 'v' }) count?: bigint;
}

@Injectable()
class VisitsService {
  constructor(@InjectRepository(Visit) readonly visits: Repository<Visit>) {}

  visit(page: string): Promise<bigint> {
    return this.visits.increment(page, 'count');
  }
}

/** The app's configuration: where its credential cache is (here: a fresh kinit of admin). */
@Injectable()
class KerberosConfig {
  ccache = kinit('admin');
}

@Module({ providers: [KerberosConfig], exports: [KerberosConfig] })
class ConfigModule {}

@Module({
  imports: [
    HBaseModule.forRootAsync({
      imports: [ConfigModule],
      inject: [KerberosConfig],
      useFactory: async (config: KerberosConfig) => ({
        ...gateway,
        size: 2,
        auth: kerberos(await config.ccache),
        entities: [Visit],
        synchronize: true,
      }),
    }),
    HBaseModule.forFeature([Visit]),
  ],
  providers: [VisitsService],
})
class AppModule {}

afterAll(async () => {
  await using admin = new Connection({ ...gateway, auth: kerberos(await kinit('admin')) });
  for (const table of await admin.tables()) await admin.deleteTable(table, { disable: true });
}, 60_000);

describe('HBaseModule over a secure gateway', () => {
  it('synchronizes and serves an injected repository with the auth option (forRootAsync)', async () => {
    const app = await Test.createTestingModule({ imports: [AppModule] }).compile();
    await app.init();
    try {
      const service = app.get(VisitsService);
      expect(await service.visit('/home')).toBe(1n);
      expect(await service.visit('/home')).toBe(2n);
      expect(await service.visits.findOne('/home')).toMatchObject({ page: '/home', count: 2n });
    } finally {
      await app.close();
    }
  });

  it('fails its start-up at once with AuthenticationError when the ticket has expired (forRoot)', async () => {
    // A ticket that lives 1 s, expired before the app starts.
    const ccache = await kinit('admin', { lifetime: '1s' });
    const deadline = Date.now() + 10_000;
    while ((await hasValidTicket(ccache)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    const start = Date.now();
    // The pool is opened and the tables synchronized while the module is compiled (an async provider).
    const error = await Test.createTestingModule({
      imports: [
        HBaseModule.forRoot({
          ...gateway,
          size: 2,
          auth: kerberos(ccache),
          entities: [Visit],
          synchronize: true,
          retryDelay: 2000,
        }),
      ],
    })
      .compile()
      .then(
        async (module) => {
          await module.close();
          return undefined;
        },
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).reason).toBe('expired-ticket');
    expect(Date.now() - start).toBeLessThan(2000); // no start-up retry (each waits 2 s)
  });
});
