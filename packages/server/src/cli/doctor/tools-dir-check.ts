import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type CheckResult, fail, pass, reasonOf } from './check-result';
import type { DoctorContext } from './doctor-context';

/** `toolsDir`: the tools directory (`tools.dir`) is a readable folder, or absent (no local plugins). */
export async function checkToolsDir(ctx: DoctorContext): Promise<CheckResult> {
  const dir = resolve(ctx.settings.tools.dir);
  const hint = 'fix its permissions (chmod u+rx), or set AGENTRY_TOOLS_DIR (tools.dir) to a readable folder';
  try {
    if (!(await stat(dir)).isDirectory()) return fail('toolsDir', `${dir} is not a folder`, hint);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return pass('toolsDir', `${dir} does not exist: no local plugins (create it to add some)`);
    }
    return fail('toolsDir', `${dir} cannot be read (${reasonOf(error)})`, hint);
  }
  try {
    await access(dir, constants.R_OK | constants.X_OK);
    return pass('toolsDir', `${dir} is readable`);
  } catch (error) {
    return fail('toolsDir', `${dir} cannot be read (${reasonOf(error)})`, hint);
  }
}
