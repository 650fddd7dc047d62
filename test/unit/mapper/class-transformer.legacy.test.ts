import 'reflect-metadata';
import { Exclude, Expose, instanceToPlain, plainToInstance, Transform } from 'class-transformer';
import { instantiate } from '../../../src/mapper/instantiate';

describe('entity instances', () => {
  it('equal what class-transformer builds from an empty object, with or without @Expose', () => {
    class Plain {
      kind = 'plain';
      @Exclude() secret?: string;
    }
    class Exposing {
      @Expose() @Transform(({ value }) => value ?? 'default') label?: string;
      other?: string;
    }
    for (const target of [Plain, Exposing]) {
      const built = instantiate(target as new () => object);
      expect(built).toBeInstanceOf(target);
      expect(built).toEqual(plainToInstance(target as new () => object, {}));
    }
    expect((instantiate(Exposing) as Exposing).label).toBe('default');
  });

  it('keep class-transformer serialization working', () => {
    class Account {
      id = 'a1';
      @Exclude() passwordHash = 'x';
    }
    expect(instanceToPlain(instantiate(Account))).toEqual({ id: 'a1' });
  });
});
