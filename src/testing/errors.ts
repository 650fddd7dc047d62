import { HBaseError } from '../client/errors/hbase-error';

/** Base class of the errors of `hbase-mapper/testing`: starting or stopping a {@link LocalHBase}. */
export class LocalHBaseError extends HBaseError {}

/**
 * No Java 17 or newer to run HBase with: `java` is not on the `PATH` (nor in `JAVA_HOME`), or it
 * is older. The message says what to install.
 */
export class JavaNotFoundError extends LocalHBaseError {
  /** The Java command looked for, e.g. `java` or `$JAVA_HOME/bin/java`. */
  readonly command: string;
  /** The version found when it is too old (e.g. `11.0.2`); undefined when none was found. */
  readonly foundVersion: string | undefined;

  /**
   * @param command - the Java command looked for.
   * @param foundVersion - the version it reported, when it was found but is too old.
   */
  constructor(command: string, foundVersion?: string) {
    const what =
      foundVersion === undefined
        ? `\`${command}\` was not found`
        : `\`${command}\` is Java ${foundVersion}, HBase's gateways here need 17 or newer`;
    super(
      `Java 17 or newer is needed to run a local HBase: ${what}. Install a JDK or JRE 17+ ` +
        '(e.g. `apt-get install openjdk-17-jre-headless`, `brew install openjdk@17`, or https://adoptium.net) ' +
        'and put its `bin` on the PATH or set JAVA_HOME.',
    );
    this.command = command;
    this.foundVersion = foundVersion;
  }
}

/**
 * Maven (`mvn`) is needed to fetch HBase's jars from Maven Central the first time, and was not
 * found. Once the jars are cached, no Maven is needed.
 */
export class MavenNotFoundError extends LocalHBaseError {
  constructor() {
    super(
      'Maven is needed once, to fetch the HBase jars from Maven Central: `mvn` was not found on the PATH. ' +
        'Install Maven 3.6+ (e.g. `apt-get install maven`, `brew install maven`, or https://maven.apache.org/install.html); ' +
        'later starts use the cached jars and need no Maven.',
    );
  }
}

/** Maven ran but could not resolve HBase's jars (offline with an empty cache, a proxy, a full disk...). */
export class ClasspathResolutionError extends LocalHBaseError {
  /** The last lines Maven printed. */
  readonly output: string;

  /**
   * @param reason - what went wrong, e.g. `mvn exited with code 1`.
   * @param output - the last lines Maven printed.
   */
  constructor(reason: string, output: string) {
    super(`Could not resolve the HBase jars with Maven: ${reason}\n${output}`);
    this.output = output;
  }
}

/**
 * The instance was not ready within `startTimeout`. What it started is stopped; the message
 * carries the tail of the log of the process that was not ready.
 */
export class StartTimeoutError extends LocalHBaseError {
  /** The last lines of the relevant log (also in the message). */
  readonly logTail: string;

  /**
   * @param timeoutMs - the bound that passed.
   * @param waitingFor - what was not ready yet, e.g. `master: not initialized`.
   * @param logTail - the last lines of the relevant log.
   */
  constructor(timeoutMs: number, waitingFor: string, logTail: string) {
    super(`Local HBase not ready after ${timeoutMs} ms (${waitingFor}); last log lines:\n${logTail}`);
    this.logTail = logTail;
  }
}

/** One of the instance's Java processes exited while it started (a port taken, too little memory...). */
export class ProcessExitedError extends LocalHBaseError {
  /** The process: `master` or a gateway name. */
  readonly process: string;
  /** The last lines of its log (also in the message). */
  readonly logTail: string;

  /**
   * @param process - `master` or a gateway name.
   * @param how - how it ended, e.g. `exit code 1`.
   * @param logTail - the last lines of its log.
   */
  constructor(process: string, how: string, logTail: string) {
    super(`Local HBase's ${process} process exited during start-up (${how}); last log lines:\n${logTail}`);
    this.process = process;
    this.logTail = logTail;
  }
}

/**
 * @internal A fixed port (the project's scripts/hbase start on well-known ports) is taken by a
 * program that is not this instance. Never thrown by a public `start()`, whose ports are drawn.
 */
export class PortTakenError extends LocalHBaseError {
  /** Each taken port: which process wanted it, and who holds it (from `ss`, when it can tell). */
  readonly ports: ReadonlyArray<{ process: string; port: number; owner: string }>;

  /** @param ports - the taken ports, with who wanted them and who holds them. */
  constructor(ports: ReadonlyArray<{ process: string; port: number; owner: string }>) {
    super(
      `cannot start HBase, port(s) already taken by a program that is not this HBase:\n${ports
        .map((p) => `  port ${p.port} (${p.process}) is in use by ${p.owner}`)
        .join('\n')}`,
    );
    this.ports = ports;
  }
}
