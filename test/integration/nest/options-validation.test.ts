// Bad options are rejected with InvalidArgumentError naming the option: when the module is
// declared for what shapes the module (names, isGlobal, async wiring), at start-up for the rest.
// Nothing here reaches HBase.
import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InvalidArgumentError, MetadataError } from '../../../src';
import { getConnectionPoolToken, getRepositoryToken, HBaseModule } from '../../../src/nest';
import { poolOptions, User } from './fixtures';

const bad = (fn: () => unknown, argument: string) => {
  let error: unknown;
  try {
    fn();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as InvalidArgumentError).argument).toBe(argument);
};

const startUp = (...imports: DynamicModule[]) => Test.createTestingModule({ imports }).compile();

it('rejects bad static options when the module is declared', () => {
  bad(() => HBaseModule.forRoot(undefined as never), 'options');
  bad(() => HBaseModule.forRoot({ size: 1, name: '' }), 'options.name');
  bad(() => HBaseModule.forRoot({ size: 1, isGlobal: 'yes' as never }), 'options.isGlobal');
  bad(() => HBaseModule.forFeature(User as never), 'entities');
  bad(() => HBaseModule.forFeature([User], 42 as never), 'name');
  bad(() => getRepositoryToken(undefined as never), 'entity');
  bad(() => getConnectionPoolToken(''), 'name');
});

it('rejects async options without exactly one way to build the options', () => {
  const useFactory = () => ({ size: 1 });
  bad(() => HBaseModule.forRootAsync({}), 'options');
  bad(() => HBaseModule.forRootAsync({ useFactory, useExisting: 'x' }), 'options');
  bad(() => HBaseModule.forRootAsync({ useFactory, retries: 3 } as never), 'options.retries');
  bad(() => HBaseModule.forRootAsync({ useExisting: 'x', inject: ['y'] }), 'options.inject');
  bad(() => HBaseModule.forRootAsync({ useFactory, inject: 'y' as never }), 'options.inject');
  bad(() => HBaseModule.forRootAsync({ useFactory: 'f' as never }), 'options.useFactory');
  bad(() => HBaseModule.forRootAsync({ useClass: {} as never }), 'options.useClass');
});

it('rejects bad connection options at start-up, naming them', async () => {
  await expect(startUp(HBaseModule.forRoot({ size: 0 }))).rejects.toThrow(/options\.size/);
  await expect(startUp(HBaseModule.forRoot({ size: 1, port: -1 }))).rejects.toThrow(/port/);
  await expect(startUp(HBaseModule.forRoot({ size: 1, colour: 'red' } as never))).rejects.toThrow(
    /options\.colour/,
  );
  await expect(
    startUp(HBaseModule.forRoot({ ...poolOptions('x'), entities: User as never, synchronize: true })),
  ).rejects.toThrow(/options\.entities/);
  await expect(
    startUp(HBaseModule.forRoot({ ...poolOptions('x'), synchronize: 'yes' as never })),
  ).rejects.toThrow(/options\.synchronize/);
  for (const [option, value] of [
    ['retryAttempts', -1],
    ['retryAttempts', 1.5],
    ['retryAttempts', '3'],
    ['retryDelay', -1],
    ['retryDelay', Number.POSITIVE_INFINITY],
    ['autoLoadEntities', 'yes'],
  ] as const) {
    const declared = startUp(HBaseModule.forRoot({ ...poolOptions('x'), [option]: value as never }));
    await expect(declared).rejects.toThrow(InvalidArgumentError);
    await expect(declared).rejects.toMatchObject({ argument: `options.${option}` });
  }
  await expect(startUp(HBaseModule.forRootAsync({ useFactory: () => null as never }))).rejects.toThrow(
    /options of HBase connection "default"/,
  );
});

it('rejects a class that is not an entity at start-up, with the mapper’s MetadataError', async () => {
  class NotAnEntity {}
  await expect(
    startUp(HBaseModule.forRoot({ size: 1 }), HBaseModule.forFeature([NotAnEntity])),
  ).rejects.toThrow(MetadataError);
});
