// Local files for jobs: the upload tool reads only under the configured root. Both the root and the
// requested file are resolved with realpath before they are compared, so neither `../` nor a symlink that
// points outside the root gets through.
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ToolRefusedError } from './errors.js';

/** The real path of `requested` (relative to the root, or absolute) if it is a regular file under `root`. */
export async function fileUnderRoot(root: string, requested: string): Promise<string> {
  const realRoot = await realpath(root);
  let real: string;
  try {
    real = await realpath(resolve(realRoot, requested));
  } catch {
    throw new ToolRefusedError('no-file', `No file at "${requested}" under the upload root.`);
  }
  const rel = relative(realRoot, real);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new ToolRefusedError(
      'outside-root',
      `"${requested}" resolves outside the upload root (A2E_MCP_FILE_ROOT); nothing was read.`,
    );
  }
  if (!(await stat(real)).isFile()) throw new ToolRefusedError('no-file', `"${requested}" is not a regular file.`);
  return real;
}
