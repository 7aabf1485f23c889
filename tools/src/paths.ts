// Where things live in the repo; every tool resolves paths from here so it can run from any cwd.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SPEC_DIR = join(ROOT, 'spec');
export const SPEC_ENTRY = join(SPEC_DIR, 'openapi.yaml');
export const FRAGMENT_DIR = join(SPEC_DIR, 'paths');
export const SHARED_DIR = join(ROOT, '..', 'shared');
export const GENERATED_DIR = join(ROOT, 'packages', 'client', 'src', 'generated');

/** True when the module at `url` is the script node was started with (so a CLI file can also be imported). */
export const isMain = (url: string) => !!process.argv[1] && url === pathToFileURL(process.argv[1]).href;
