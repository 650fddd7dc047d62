import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { CONNECTION_ENVIRONMENT_VARIABLES } from '../../src/client/connection-env';

/** What a run of the CLI gave. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const root = join(__dirname, '../..');
const register = join(root, 'test/support/ts-register-cached.cjs');
const bin = join(root, 'src/cli/bin.ts');

/**
 * The command line of the CLI as the tests run it: the TypeScript sources in a child Node
 * (transpiled, cached), so that the tests need no build and check the code of the commit.
 */
export function cliCommand(args: string[]): [string, string[]] {
  return [process.execPath, ['-r', register, bin, ...args]];
}

/** Options of {@link runCli}. */
export interface RunCliOptions {
  /** Variables added to the environment (`undefined` removes one). */
  env?: Record<string, string | undefined>;
  /** Killed (SIGKILL) after this many milliseconds; default 60 s. */
  timeout?: number;
}

/**
 * Runs `hbase-mapper <args>` with its stdout and stderr piped (so not a TTY), bounded in time.
 * The connection variables (HBASE_URL, HBASE_HOST, ...) of the test's own environment are removed
 * first: each test says which it means.
 */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  const [command, argv] = cliCommand(args);
  return runProcess(command, argv, options);
}

/** Runs a process, collecting its output, bounded in time. */
export function runProcess(command: string, argv: string[], options: RunCliOptions = {}): Promise<CliResult> {
  return startProcess(command, argv, options).result;
}

/** A process started by {@link startProcess}. */
export interface StartedProcess {
  child: ChildProcess;
  /** Its exit and output. */
  result: Promise<CliResult>;
}

/** Starts a process, collecting its output, bounded in time (SIGKILL at the timeout). */
export function startProcess(command: string, argv: string[], options: RunCliOptions = {}): StartedProcess {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of [...Object.keys(CONNECTION_ENVIRONMENT_VARIABLES), 'HBASE_TLS_CA']) delete env[name];
  Object.assign(env, options.env);
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  const child = spawn(command, argv, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const result = new Promise<CliResult>((resolve, reject) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeout ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
  return { child, result };
}

/** The CLI's connection flags for a gateway of test/support/gateway.ts. */
export function gatewayFlags(options: {
  host: string;
  port: number;
  transport?: string;
  protocol?: string;
}): string[] {
  const flags = ['--host', options.host, '--port', String(options.port)];
  if (options.transport) flags.push('--transport', options.transport);
  if (options.protocol) flags.push('--protocol', options.protocol);
  return flags;
}
