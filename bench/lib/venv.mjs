// The Python side's virtual environment, bench/.venv (git-ignored): created on the first run and
// reused while it was installed from the current bench/requirements.txt.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VENV = 'bench/.venv';
const REQUIREMENTS = 'bench/requirements.txt';
/** Records which requirements the venv was installed from. */
const STAMP = join(VENV, '.bench-requirements');

export const venvPython = join(VENV, 'bin', 'python');

function importsWork() {
  try {
    execFileSync(venvPython, ['-c', 'import happybase, aiohappybase, thriftpy2, matplotlib'], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

/** Makes sure bench/.venv holds the pinned peers; returns their versions. */
export function ensureVenv({ python, log }) {
  const wanted = readFileSync(REQUIREMENTS, 'utf8');
  const current = existsSync(STAMP) ? readFileSync(STAMP, 'utf8') : undefined;
  if (current === wanted && importsWork()) {
    log(`reusing ${VENV}`);
  } else {
    if (existsSync(VENV)) {
      log(`${VENV} was installed from other requirements: recreating it`);
      rmSync(VENV, { recursive: true, force: true });
    }
    log(`creating ${VENV} with ${python} and installing ${REQUIREMENTS}`);
    execFileSync(python, ['-m', 'venv', VENV], { stdio: 'inherit' });
    execFileSync(
      venvPython,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', '-r', REQUIREMENTS],
      { stdio: 'inherit' },
    );
    if (!importsWork()) throw new Error(`${VENV}: the installed packages cannot be imported`);
    writeFileSync(STAMP, wanted);
  }
  const versions = execFileSync(
    venvPython,
    [
      '-c',
      'import json, platform, happybase, aiohappybase, thriftpy2; print(json.dumps({"python": ' +
        'platform.python_version(), "happybase": happybase.__version__, "aiohappybase": ' +
        'aiohappybase.__version__, "thriftpy2": thriftpy2.__version__}))',
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(versions);
}
