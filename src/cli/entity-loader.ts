import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { entityOptionsOf } from '../decorators/metadata-store';
import type { EntityClass } from '../mapper/metadata/entity-metadata';
import { CliError } from './exit-codes';

/**
 * @internal Loads the user's compiled entity modules (paths relative to the working directory)
 * and returns the entity classes they export (named exports, `default`, or `module.exports`
 * itself). A CommonJS module is required; an ES module (`.mjs`, or `"type": "module"`) imported.
 * The user's modules load their own `hbase-mapper`, which records entities in the registry this
 * CLI reads (it lives on `globalThis`): the entities are found even from another copy.
 */
export async function loadEntities(paths: readonly string[]): Promise<EntityClass[]> {
  const found = new Set<EntityClass>();
  for (const path of paths) {
    const absolute = resolve(path);
    let exported: unknown;
    try {
      exported = await loadModule(absolute);
    } catch (error) {
      throw new CliError(`--entities: cannot load ${path} (${(error as Error).message?.split('\n')[0]})`, 1, {
        cause: error,
      });
    }
    const before = found.size;
    for (const value of candidates(exported)) {
      if (typeof value === 'function' && entityOptionsOf(value) !== undefined)
        found.add(value as EntityClass);
    }
    if (found.size === before) throw CliError.usage(`--entities: ${path} exports no entity class`);
  }
  return [...found];
}

function candidates(exported: unknown): unknown[] {
  if (typeof exported === 'function') return [exported];
  if (typeof exported !== 'object' || exported === null) return [];
  const values = Object.values(exported);
  const fallback = (exported as { default?: unknown }).default;
  if (typeof fallback === 'object' && fallback !== null) values.push(...Object.values(fallback));
  return values;
}

async function loadModule(absolute: string): Promise<unknown> {
  if (!absolute.endsWith('.mjs')) {
    try {
      return require(absolute);
    } catch (error) {
      // An ES module (by "type": "module"): imported below. Node 20.19+ and 22.12+ require ES
      // modules, except those with a top-level await (ERR_REQUIRE_ASYNC_MODULE): imported too.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
    }
  }
  // A real dynamic import (kept as is in the CommonJS build: module node16).
  return import(pathToFileURL(absolute).href);
}
