// Entities declared with legacy decorators (experimentalDecorators + emitDecoratorMetadata).
import { Column, Counter, Entity, json, RowKey, utf8, utf8Key } from 'hbase-mapper';

@Entity({ table: 'users', families: { info: { maxVersions: 1 }, stats: {} } })
export class User {
  @RowKey({ codec: utf8 }) id!: string;
  @Column({ family: 'info', codec: utf8 }) name?: string;
  @Column({ family: 'info', codec: json<string[]>() }) roles?: string[];
  @Counter({ family: 'stats' }) logins?: bigint;
}

/** A composite row key: the user, then the order number. */
@Entity({ table: 'orders', families: { o: { maxVersions: 1 } } })
export class Order {
  @RowKey({ part: 0, codec: utf8Key }) userId!: string;
  @RowKey({ part: 1, codec: utf8Key }) orderId!: string;
  @Column({ family: 'o', codec: utf8 }) item!: string;
}
