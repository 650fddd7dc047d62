import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import type { User } from './user.entity';
// biome-ignore lint/style/useImportType: Nest injects by the parameter's type, which TypeScript emits (emitDecoratorMetadata) only for a value import.
import { UsersService } from './users.service';

/** The HTTP face of {@link UsersService}. */
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@Body() body: Record<string, unknown>): Promise<User> {
    return this.users.create(body ?? {});
  }

  @Get()
  list(@Query('limit') limit = '10', @Query('after') after?: string) {
    return this.users.list(Number(limit), after);
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<User> {
    return this.users.get(id);
  }

  @Post(':id/logins')
  @HttpCode(200)
  logIn(@Param('id') id: string) {
    return this.users.logIn(id);
  }
}
