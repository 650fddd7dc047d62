// Replacing a repository in tests with overrideProvider(getRepositoryToken(...)): the service
// under test gets the fake, and no HBase is needed for it.
import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import type { Repository } from '../../../src';
import { getRepositoryToken, HBaseModule, InjectRepository } from '../../../src/nest';
import { uniquePrefix } from '../../support/gateway';
import { Event, poolOptions, User, user } from './fixtures';

const prefix = uniquePrefix('nest_override');

@Injectable()
class GreetingService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Event) readonly events: Repository<Event>,
  ) {}

  async greet(id: string): Promise<string> {
    const found = await this.users.findOne(id);
    return found ? `Hello, ${found.name}!` : 'Hello, stranger!';
  }
}

@Module({ imports: [HBaseModule.forFeature([User, Event])], providers: [GreetingService] })
class GreetingModule {}

it('injects the fake repository given for getRepositoryToken(User), and the real one for others', async () => {
  const fake = {
    findOne: jest.fn(async (id: string) => (id === 'u1' ? user({ id, name: 'Ada' }) : undefined)),
  };
  const app = await Test.createTestingModule({
    imports: [HBaseModule.forRoot(poolOptions(prefix)), GreetingModule],
  })
    .overrideProvider(getRepositoryToken(User))
    .useValue(fake)
    .compile();
  try {
    const service = app.get(GreetingService);
    expect(await service.greet('u1')).toBe('Hello, Ada!');
    expect(await service.greet('u2')).toBe('Hello, stranger!');
    expect(fake.findOne).toHaveBeenCalledTimes(2);
    expect(app.get(getRepositoryToken(User))).toBe(fake);
    expect(service.events.tableName).toBe('events');
  } finally {
    await app.close();
  }
});

it('returns the same token on every call, distinct per entity and per connection', () => {
  expect(getRepositoryToken(User)).toBe(getRepositoryToken(User));
  expect(getRepositoryToken(User)).toBe(getRepositoryToken(User, 'default'));
  expect(getRepositoryToken(User)).not.toBe(getRepositoryToken(Event));
  expect(getRepositoryToken(User)).not.toBe(getRepositoryToken(User, 'other'));
  expect(getRepositoryToken(User).description).toBe('Repository<User>');
  expect(getRepositoryToken(User, 'other').description).toBe('Repository<User>@other');
});
