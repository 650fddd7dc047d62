import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common';
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

  /** The entity itself, bigint counter included: BigIntToStringInterceptor sends it as a string. */
  @Post(':id/logins')
  @HttpCode(200)
  async login(@Param('id') id: string): Promise<User> {
    await this.users.increment(id, 'logins');
    const user = await this.users.findOne(id);
    if (!user) throw new NotFoundException(`no user ${id}`);
    return user;
  }
}
