// `--name=value` arguments of the standalone benchmark scripts (bench/scale.mjs, bench/secure.mjs):
// each names a key of the script's defaults (kebab-case for camelCase) and takes its type.

/**
 * The defaults overridden by `argv`; `--help` prints `help` and exits. A name the defaults lack, or
 * a number that is not one (or is negative), is an error naming the argument.
 */
export function parseFlags(argv, defaults, help) {
  const options = { ...defaults };
  for (const arg of argv) {
    if (arg === '--help') {
      process.stdout.write(help);
      process.exit(0);
    }
    const match = /^--([a-z-]+)=(.*)$/s.exec(arg);
    const name = match?.[1].replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (!match || !(name in defaults)) throw new Error(`bad argument ${JSON.stringify(arg)} (see --help)`);
    const example = defaults[name];
    if (typeof example === 'number') {
      const value = Number(match[2]);
      if (!Number.isFinite(value) || value < 0) throw new Error(`--${match[1]} must be a number >= 0`);
      options[name] = value;
    } else if (typeof example === 'boolean') options[name] = match[2] !== 'false';
    else options[name] = match[2];
  }
  return options;
}
