import { join } from 'node:path';
import { projectProcessPid } from '../../src/testing/project-instance';

/**
 * The pid of a running process (`master` or a gateway, e.g. `idle`, which the fault tests kill) of
 * the project's HBase that scripts/hbase started in `.hbase/` (under the key `project` of
 * scripts/hbase/project.mjs); undefined when it does not run there.
 */
export const localHBasePid = (name: string): number | undefined =>
  projectProcessPid(join(__dirname, '../../.hbase'), 'project', name);
