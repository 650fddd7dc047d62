// saveAll's map from the bulk writer's mutation indices back to entity indices (an entity makes
// 0 to 3+ mutations), which its SaveAllError reports.
import { toIndexRanges } from '../../../src/client/bulk/index-ranges';
import { EntityMutations } from '../../../src/mapper/bulk/entity-ranges';

/** Entities making the given numbers of mutations, all accepted. */
function entities(counts: number[], interruptedAfter?: number): EntityMutations {
  const m = new EntityMutations();
  for (const count of counts) {
    m.begin();
    for (let k = 0; k < count; k++) m.accepted();
    m.end();
  }
  if (interruptedAfter !== undefined) {
    m.begin();
    for (let k = 0; k < interruptedAfter; k++) m.accepted();
  }
  return m;
}

describe('entity mutations', () => {
  // Entities 0..4 make mutations [0,1) [1,3) [3,3) [3,6) [6,7).
  const counts = [1, 2, 0, 3, 1];

  it('names the entities with a mutation not known written', () => {
    const m = entities(counts);
    expect(m.begun).toBe(5);
    expect(m.notKnownSaved(toIndexRanges([2]))).toEqual([{ start: 1, end: 2 }]);
    expect(m.notKnownSaved(toIndexRanges([5, 6]))).toEqual([{ start: 3, end: 5 }]);
    expect(m.notKnownSaved(toIndexRanges([0, 3]))).toEqual([
      { start: 0, end: 1 },
      { start: 3, end: 4 },
    ]);
    // An entity without mutations is saved whatever happens around it.
    expect(m.notKnownSaved(toIndexRanges([1, 2, 3, 4, 5]))).toEqual([
      { start: 1, end: 2 },
      { start: 3, end: 4 },
    ]);
    expect(m.notKnownSaved([])).toEqual([]);
  });

  it('counts the entity whose mutations were not all accepted as not saved', () => {
    const m = entities(counts, 1);
    expect(m.begun).toBe(6);
    expect(m.notKnownSaved([])).toEqual([{ start: 5, end: 6 }]);
    expect(m.notKnownSaved(toIndexRanges([7]))).toEqual([{ start: 5, end: 6 }]);
  });
});
