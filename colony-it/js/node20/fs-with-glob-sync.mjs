// Node's 'fs' plus a globSync that refuses to run: see register.mjs.
import fs from 'node:fs';

export * from 'node:fs';
export default fs;

export function globSync(pattern) {
  throw new Error(
    `fs.globSync('${pattern}') needs Node 22 or newer (running ${process.version}); ` +
      'only the conformance tier-check command uses it',
  );
}
