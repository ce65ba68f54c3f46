// size-limit's budget for the browser bundle of `createKooDriveClient` (`npm run test:size`): 6.5 kB min+gzip for a
// spec of one operation (today's), plus 0.5 kB for each operation the spec grows beyond it. Each operation brings
// its own generated request, models and answer validator (about 0.4 kB), so a spec that grows never fails the build,
// while the client's own code stays held to the same bound.
import { operationsSpec } from './dist/generated/schemas.js';

const BASE_KB = 6.5;
const PER_OPERATION_KB = 0.5;
const operations = Object.keys(operationsSpec).length;

export default [
  {
    name: `createKooDriveClient (minified + gzip), ${operations} operation${operations === 1 ? '' : 's'}`,
    path: 'dist/index.js',
    import: '{ createKooDriveClient }',
    gzip: true,
    limit: `${BASE_KB + PER_OPERATION_KB * Math.max(0, operations - 1)} kB`,
  },
];
