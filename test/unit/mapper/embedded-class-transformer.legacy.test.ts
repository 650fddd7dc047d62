// Value objects are built like entities (class-transformer's way, so its decorators keep working
// on them) and serialize with the entity. class-transformer's decorators exist in the
// experimentalDecorators form only: this suite runs in the unit-legacy project.
import 'reflect-metadata';
import { Exclude, Expose, instanceToPlain, Transform } from 'class-transformer';
import { Column, Embedded, Entity, fromRow, RowKey, toRow, utf8 } from '../../../src';

class Address {
  @Column({ family: 'a', codec: utf8 }) city?: string;
  @Expose() @Transform(({ value }) => value ?? 'FR') country?: string; // not stored: a default
  @Exclude() @Column({ family: 'a', codec: utf8 }) internalNote?: string;
}

@Entity({ table: 'people', families: { a: {} } })
class Person {
  @RowKey({ codec: utf8 }) id!: string;
  @Embedded(() => Address) address?: Address;
}

it('value objects get class-transformer defaults and serialize with the entity', () => {
  const person = fromRow(Person, 'p1', {
    'a:city': utf8.encode('Paris'),
    'a:internalNote': utf8.encode('vip'),
  });
  expect(person.address).toBeInstanceOf(Address);
  expect(person.address?.country).toBe('FR');
  expect(person.address?.internalNote).toBe('vip');
  expect(instanceToPlain(person)).toEqual({ id: 'p1', address: { city: 'Paris', country: 'FR' } });
  expect(Object.keys(toRow(Person, person).cells).sort()).toEqual(['a:city', 'a:internalNote']);
});
