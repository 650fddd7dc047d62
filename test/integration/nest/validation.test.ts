// HBaseModule's `validate` option: the repositories of forFeature validate with class-validator
// (when installed) by default, and as the connection's `validate` says otherwise. Runs in the
// integration-legacy projects (NestJS, like class-validator's decorators, needs
// experimentalDecorators).
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { IsEmail } from 'class-validator';
import {
  Column,
  Entity,
  EntityValidationError,
  InvalidArgumentError,
  type Repository,
  RowKey,
  utf8,
} from '../../../src';
import { getRepositoryToken, HBaseModule } from '../../../src/nest';
import { uniquePrefix } from '../../support/gateway';
import { dropTables, poolOptions } from './fixtures';

const prefix = uniquePrefix('nest-validate');

@Entity({ table: 'subscribers', families: { f: {} } })
class Subscriber {
  @RowKey({ codec: utf8 }) id!: string;
  @IsEmail() @Column({ family: 'f', codec: utf8 }) email?: string;
}

const invalid = () => Object.assign(new Subscriber(), { id: 's1', email: 'not-an-email' });

async function repositoryWith(validate: unknown) {
  const moduleRef = await Test.createTestingModule({
    imports: [
      HBaseModule.forRoot({
        ...poolOptions(prefix),
        entities: [Subscriber],
        synchronize: true,
        ...(validate === undefined ? {} : { validate: validate as never }),
      }),
      HBaseModule.forFeature([Subscriber]),
    ],
  }).compile();
  await moduleRef.init();
  return { moduleRef, subscribers: moduleRef.get<Repository<Subscriber>>(getRepositoryToken(Subscriber)) };
}

afterAll(() => dropTables(prefix));

it('validates by default when class-validator is installed', async () => {
  const { moduleRef, subscribers } = await repositoryWith(undefined);
  try {
    await expect(subscribers.save(invalid())).rejects.toThrow(EntityValidationError);
    expect(await subscribers.exists('s1')).toBe(false);
  } finally {
    await moduleRef.close();
  }
});

it('validate: false on the connection reaches its repositories', async () => {
  const { moduleRef, subscribers } = await repositoryWith(false);
  try {
    await subscribers.save(invalid());
    expect((await subscribers.findOneOrFail('s1')).email).toBe('not-an-email');
    // A call's own setting still wins.
    await expect(subscribers.save(invalid(), { validate: true })).rejects.toThrow(EntityValidationError);
  } finally {
    await moduleRef.close();
  }
});

it('a malformed validate option fails the start-up, naming it', async () => {
  await expect(repositoryWith('yes')).rejects.toThrow(InvalidArgumentError);
  await expect(repositoryWith('yes')).rejects.toThrow(/options\.validate/);
});
