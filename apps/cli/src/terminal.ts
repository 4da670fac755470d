import { input, password } from '@inquirer/prompts';
import { createInterface } from 'node:readline';

/** How the CLI talks: sentences (with colour only on a terminal), or JSON for scripts. */
export class Terminal {
  private static readers: { close(): void }[] = [];
  private lines?: AsyncIterableIterator<string>;

  /** Lets go of stdin, so a piped stdin left open cannot keep the process alive after the command. */
  static release(): void {
    for (const reader of Terminal.readers.splice(0)) reader.close();
  }

  constructor(
    readonly json: boolean,
    readonly verbose: boolean,
  ) {}

  get interactive(): boolean {
    return Boolean(process.stdin.isTTY);
  }

  get colour(): boolean {
    return Boolean(process.stdout.isTTY) && !this.json;
  }

  /** One outcome sentence (suppressed in --json mode, where the data is the output). */
  say(sentence: string): void {
    if (!this.json) process.stdout.write(`${this.colour ? `\x1b[32m✔\x1b[0m ` : ''}${sentence}\n`);
  }

  /** A detail only --verbose asks for (not in --json mode). */
  detail(sentence: string): void {
    if (this.verbose && !this.json) process.stdout.write(`${sentence}\n`);
  }

  data(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  fail(message: string, hint?: string): void {
    const red = (text: string) => (process.stderr.isTTY ? `\x1b[31m${text}\x1b[0m` : text);
    process.stderr.write(`${red(message)}\n${hint ? `${hint}\n` : ''}`);
  }

  /** Asks on a terminal (hidden for secrets); reads the next line of stdin otherwise (scripts, tests). */
  async ask(question: string, secret = false): Promise<string> {
    if (this.interactive) return secret ? password({ message: question, mask: '*' }) : input({ message: question });
    process.stderr.write(`${question} `);
    if (!this.lines) {
      const reader = createInterface({ input: process.stdin });
      Terminal.readers.push(reader);
      this.lines = reader[Symbol.asyncIterator]();
    }
    const next = await this.lines.next();
    process.stderr.write('\n');
    return next.done ? '' : next.value.trim();
  }
}
