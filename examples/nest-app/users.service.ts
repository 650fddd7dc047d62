import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InvalidArgumentError, type Repository } from 'hbase-mapper';
import { InjectRepository } from 'hbase-mapper/nest';
import { User } from './user.entity';

/**
 * The application logic: it sees a typed repository, never rows or bytes, and returns entities as
 * they are (their bigint counters included: the app's BigIntToStringInterceptor makes them JSON).
 */
@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async create(input: { id?: unknown; name?: unknown; email?: unknown }): Promise<User> {
    if (typeof input.id !== 'string' || typeof input.name !== 'string') {
      throw new BadRequestException('id and name are required strings');
    }
    const user = Object.assign(new User(), { id: input.id, name: input.name });
    if (typeof input.email === 'string') user.email = input.email;
    await this.users.save(user);
    return user;
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOne(id);
    if (!user) throw new NotFoundException(`no user ${id}`);
    return user;
  }

  /** One page of users in key order; pass `nextCursor` back to get the next one. */
  async list(limit: number, after?: string): Promise<{ items: User[]; nextCursor?: string }> {
    const page = await this.users.page({ size: limit, after }).catch((error: unknown) => {
      // The mapper rejects bad input (a size out of range, a forged cursor) before any request.
      throw error instanceof InvalidArgumentError ? new BadRequestException(error.message) : error;
    });
    return { items: page.items, nextCursor: page.nextCursor };
  }

  async logIn(id: string): Promise<{ id: string; logins: bigint }> {
    if (!(await this.users.exists(id))) throw new NotFoundException(`no user ${id}`);
    return { id, logins: await this.users.increment(id, 'logins') };
  }
}
