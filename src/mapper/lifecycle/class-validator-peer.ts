/**
 * @internal What the mapper uses of class-validator (an optional peer dependency): typed here, so
 * that neither the build nor users need its typings.
 */
export interface ClassValidatorModule {
  validate(object: object, options?: object): Promise<ValidationErrorLike[]>;
  getMetadataStorage(): {
    getTargetValidationMetadatas(
      target: Function,
      schema: string,
      always: boolean,
      strictGroups: boolean,
      groups?: string[],
    ): unknown[];
  };
}

/** @internal The part of class-validator's `ValidationError` the mapper reads (never `value`). */
export interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

let loaded: ClassValidatorModule | null | undefined;

/**
 * @internal class-validator, when the application has it installed; `undefined` when it has not.
 * Loaded on first use with `require` (this module stays loadable without it): only its absence
 * counts as absent, any other failure to load it (a broken install) is thrown.
 */
export function classValidator(): ClassValidatorModule | undefined {
  if (loaded === undefined) {
    try {
      loaded = require('class-validator') as ClassValidatorModule;
    } catch (error) {
      if (!isMissing(error)) throw error;
      loaded = null;
    }
  }
  return loaded ?? undefined;
}

function isMissing(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  return (
    e?.code === 'MODULE_NOT_FOUND' && typeof e.message === 'string' && e.message.includes("'class-validator'")
  );
}
