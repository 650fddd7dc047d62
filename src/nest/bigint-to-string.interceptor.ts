import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { bigIntsToStrings } from './bigints-to-strings';

/**
 * A NestJS interceptor that turns every bigint in what handlers return into its decimal string
 * (see {@link bigIntsToStrings}), so that responses holding entities with `@Counter` or `int64`
 * fields serialize instead of failing with "Do not know how to serialize a BigInt" (a 500).
 *
 * Register it globally, either way:
 * ```ts
 * app.useGlobalInterceptors(new BigIntToStringInterceptor());
 * // or, in a module: providers: [{ provide: APP_INTERCEPTOR, useClass: BigIntToStringInterceptor }]
 * ```
 * or on a controller or handler with `@UseInterceptors(BigIntToStringInterceptor)`. It works
 * alongside `ClassSerializerInterceptor` in either order. It changes only what handlers return:
 * it applies to HTTP responses (Express or Fastify), server-sent events, microservice replies and
 * WebSocket acknowledgements alike.
 */
@Injectable()
export class BigIntToStringInterceptor implements NestInterceptor {
  /** Maps each value the handler emits through {@link bigIntsToStrings}. */
  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(map((value: unknown) => bigIntsToStrings(value)));
  }
}
