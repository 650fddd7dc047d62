// Entry point for `node dist/src/main.js` (compiled by tsc) and `tsx src/main.ts`.
import { User } from './entities.js';
import { exercise } from './exercise.js';

await exercise(process.argv[1]?.endsWith('.ts') ? 'tsx' : 'node', User);
