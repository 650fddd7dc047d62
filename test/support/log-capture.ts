import type { Logger } from '../../src';

/** One line a {@link CapturingLogger} received. */
export interface LoggedLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
}

/** A logger that keeps what it is given, for assertions (the `logger` option of a connection or pool). */
export class CapturingLogger implements Logger {
  readonly lines: LoggedLine[] = [];

  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }

  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }

  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }

  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }

  /** The messages of one level. */
  at(level: LoggedLine['level']): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }

  /** Everything received, one line per message. */
  get text(): string {
    return this.lines.map((line) => `${line.level} ${line.message}`).join('\n');
  }
}
