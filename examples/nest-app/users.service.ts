import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InvalidArgumentError, type Repository } from 'hbase-mapper';
import { InjectRepository } from 'hbase-mapper/nest';
import { toView, User, type UserView } from './user.entity';

/** The application logic: it sees a typed repository, never rows or bytes. */
@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async create(input: { id?: unknown; name?: unknown; email?: unknown }): Promise<UserView> {
    if (typeof input.id !== 'string' || typeof input.name !== 'string') {
      throw new BadRequestException('id and name are required strings');
    }
    const user = Object.assign(new User(), { id: input.id, name: input.name });
    if (typeof input.email === 'string') user.email = input.email;
    await this.users.save(user);
    return toView(user);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.users.findOne(id);
    if (!user) throw new NotFoundException(`no user ${id}`);
    return toView(user);
  }

  /** One page of users in key order; pass `nextCursor` back to get the next one. */
  async list(limit: number, after?: string): Promise<{ items: UserView[]; nextCursor?: string }> {
    const page = await this.users.page({ size: limit, after }).catch((error: unknown) => {
      // The mapper rejects bad input (a size out of range, a forged cursor) before any request.
      throw error instanceof InvalidArgumentError ? new BadRequestException(error.message) : error;
    });
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  async logIn(id: string): Promise<{ id: string; logins: number }> {
    if (!(await this.users.exists(id))) throw new NotFoundException(`no user ${id}`);
    return { id, logins: Number(await this.users.increment(id, 'logins')) };
  }
}
