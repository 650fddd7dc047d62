// The mapper workloads' entity, declared with defineEntity (no decorator settings needed), and
// what the raw client has to do by hand to write and read the same cells.
import { defineEntity, float64, int32, type RowData, utf8 } from 'hbase-mapper';

export class Person {
  id!: string;
  name?: string;
  age?: number;
  score?: number;
  email?: string;
}

defineEntity(Person, {
  table: 'entities',
  families: { d: { maxVersions: 1 } },
  rowKey: { id: { codec: utf8 } },
  columns: {
    name: { family: 'd', codec: utf8 },
    age: { family: 'd', codec: int32 },
    score: { family: 'd', codec: float64 },
    email: { family: 'd', codec: utf8 },
  },
});

/** The cells the repository writes for `person` (same bytes as the utf8/int32/float64 codecs). */
export function personCells(person: Person): Record<string, Buffer> {
  const age = Buffer.allocUnsafe(4);
  age.writeInt32BE(person.age!);
  const score = Buffer.allocUnsafe(8);
  score.writeDoubleBE(person.score!);
  return {
    'd:name': Buffer.from(person.name!, 'utf8'),
    'd:age': age,
    'd:score': score,
    'd:email': Buffer.from(person.email!, 'utf8'),
  };
}

/** Decodes a row into a Person by hand, as a user of the raw client would. */
export function decodePersonRow(key: Buffer, data: RowData): Person | undefined {
  if (Object.keys(data).length === 0) return undefined;
  const person = new Person();
  person.id = key.toString('utf8');
  const { 'd:name': name, 'd:age': age, 'd:score': score, 'd:email': email } = data;
  if (name) person.name = name.toString('utf8');
  if (age) person.age = age.readInt32BE(0);
  if (score) person.score = score.readDoubleBE(0);
  if (email) person.email = email.toString('utf8');
  return person;
}
