// The class chain that field resolution (entities, value objects) and lifecycle hooks share.
import { classChain } from '../../../src/mapper/metadata/class-chain';

describe('classChain', () => {
  it('lists a class and its ancestors, base classes first', () => {
    class Base {}
    class Middle extends Base {}
    class Leaf extends Middle {}
    expect(classChain(Leaf)).toEqual([Base, Middle, Leaf]);
    expect(classChain(Base)).toEqual([Base]);
  });

  it('stops at Function.prototype, also for a class that extends null', () => {
    class Detached extends (null as unknown as new () => object) {}
    expect(classChain(Detached)).toEqual([Detached]);
    expect(classChain(function plain() {})).toHaveLength(1);
  });
});
