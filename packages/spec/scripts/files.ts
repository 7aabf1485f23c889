// Where the package's build output lives, for the build script and the tests that read it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PKG = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(PKG, 'dist');
