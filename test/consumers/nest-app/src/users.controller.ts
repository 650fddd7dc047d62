import { BadRequestException, Body, Controller, Get, NotFoundException, Param, Post } from '@nestjs/common';
import type { Repository } from 'hbase-mapper';
import { InjectRepository } from 'hbase-mapper/nest';
import { toView, User, type UserView } from './user.entity';

/** Users through the repository that `HBaseModule.forFeature([User])` provides. */
@Controller('users')
export class UsersController {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  @Post()
  async create(@Body() body: { id?: unknown; name?: unknown }): Promise<UserView> {
    if (typeof body.id !== 'string' || typeof body.name !== 'string') {
      throw new BadRequestException('id and name are required strings');
    }
    const user = Object.assign(new User(), { id: body.id, name: body.name });
    await this.users.save(user);
    return toView(user);
  }

  @Get()
  async list(): Promise<UserView[]> {
    return (await this.users.scan().toArray()).map(toView);
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<UserView> {
    const user = await this.users.findOne(id);
    if (!user) throw new NotFoundException(`no user ${id}`);
    return toView(user);
  }

  // Place for the user's `logins` counter over HTTP (an entity with a bigint field returned as it
  // is, through hbase-mapper/nest's bigint-in-JSON helper), with its case in test/app.e2e-spec.ts.
}
