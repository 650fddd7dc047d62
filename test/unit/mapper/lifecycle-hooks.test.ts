// @BeforeSave/@AfterLoad metadata in both decorator modes (jest projects `unit` and
// `unit-legacy`), and how the mapper finds class-validator (an optional peer).
import 'reflect-metadata';
import { AfterLoad, BeforeSave } from '../../../src';
import { hooksOf } from '../../../src/mapper/lifecycle/entity-hooks';

const legacy = process.env.DECORATORS === 'legacy';

describe(`lifecycle hooks (${legacy ? 'experimentalDecorators' : 'standard decorators'})`, () => {
  it('lists hook methods base class first, an overridden one once, per kind', () => {
    class Base {
      @BeforeSave() a() {}
      @AfterLoad() shared() {}
    }
    class Child extends Base {
      @BeforeSave() b() {}
      @AfterLoad() override shared() {}
      @AfterLoad() @BeforeSave() both() {}
    }
    expect(hooksOf(Child)).toEqual({ beforeSave: ['a', 'b', 'both'], afterLoad: ['shared', 'both'] });
    expect(hooksOf(Base)).toEqual({ beforeSave: ['a'], afterLoad: ['shared'] });
    expect(hooksOf(class Plain {})).toEqual({ beforeSave: [], afterLoad: [] });
  });

  it('refuses what is not an instance method, at decoration', () => {
    const asField = () => {
      class Bad {
        // biome-ignore lint/suspicious/noExplicitAny: a misuse the compiler refuses, forced here
        @(BeforeSave() as any) notAMethod?: string = 'x';
      }
      return Bad;
    };
    expect(asField).toThrow(
      /@BeforeSave applies to (named instance methods|methods, not to the field notAMethod)/,
    );
    const asStatic = () => {
      class Bad {
        // biome-ignore lint/suspicious/noExplicitAny: a misuse the compiler refuses, forced here
        @(AfterLoad() as any) static load() {}
        instanceMember = 1;
      }
      return Bad;
    };
    if (!legacy) expect(asStatic).toThrow(/@AfterLoad applies to named instance methods/);
  });
});

describe('class-validator lookup', () => {
  afterEach(() => jest.resetModules());

  it('finds it when installed', () => {
    jest.isolateModules(() => {
      const { classValidator } = require('../../../src/mapper/lifecycle/class-validator-peer');
      expect(typeof classValidator()?.validate).toBe('function');
    });
  });

  it('is undefined when it is not installed', () => {
    jest.doMock('class-validator', () => {
      throw Object.assign(new Error("Cannot find module 'class-validator'"), { code: 'MODULE_NOT_FOUND' });
    });
    jest.isolateModules(() => {
      const { classValidator } = require('../../../src/mapper/lifecycle/class-validator-peer');
      expect(classValidator()).toBeUndefined();
    });
  });

  it('throws when it is installed but broken (a dependency of its own missing)', () => {
    jest.doMock('class-validator', () => {
      throw Object.assign(new Error("Cannot find module 'validator'"), { code: 'MODULE_NOT_FOUND' });
    });
    jest.isolateModules(() => {
      const { classValidator } = require('../../../src/mapper/lifecycle/class-validator-peer');
      expect(() => classValidator()).toThrow(/Cannot find module 'validator'/);
    });
  });
});
