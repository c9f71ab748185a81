import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort, root } from './system';

/** The mailpit binary scripts/servers-up.sh built (or took from this machine's cache); the version is pinned in deploy/native/lib.sh. */
export const mailpitBinary = (): string => {
  const lib = readFileSync(join(root, 'deploy', 'native', 'lib.sh'), 'utf8');
  const version = /^MAILPIT_VERSION=(\S+)/m.exec(lib)?.[1];
  if (!version) throw new Error('MAILPIT_VERSION not found in deploy/native/lib.sh');
  const state = process.env.FTT_STATE_DIR ?? join(root, '.local');
  const cache =
    process.env.FTT_MACHINE_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'fieldtotable');
  const found = [join(state, 'bin', `mailpit-${version}`), join(cache, 'bin', `mailpit-${version}`)].find(
    existsSync,
  );
  if (!found) throw new Error(`mailpit ${version} not built: run bash scripts/servers-up.sh mail`);
  return found;
};

export interface MailSummary {
  ID: string;
  MessageID: string;
  Subject: string;
  To: { Name: string; Address: string }[];
  Created: string;
}
export interface MailDetail extends MailSummary {
  Text: string;
  HTML: string;
}

/**
 * A mail server of the test's own: the real mailpit binary on free loopback ports, its messages in a file of
 * the run (kept across a stop and start), read through mailpit's HTTP API. Its own instance, so a test can stop
 * it without taking the shared development server (scripts/servers-up.sh mail) from anybody.
 */
export class Mailpit {
  private child: ChildProcess | undefined;
  smtpPort = 0;
  httpPort = 0;
  private readonly dir: string;

  constructor(readonly run: string) {
    this.dir = join(root, 'test-results', 'mailpit', run);
  }

  get api(): string {
    return `http://127.0.0.1:${this.httpPort}/api/v1`;
  }

  /** The variables a notifications service needs to send here. */
  get smtpEnv(): Record<string, string> {
    return { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(this.smtpPort) };
  }

  /**
   * Starts the instance and waits until it answers. Its ports come from freePort, which another process may take
   * before mailpit binds them (test files run two at a time): a mailpit that exits while starting is started again on
   * fresh ports, and a slow start under load gets a minute.
   */
  async start(): Promise<this> {
    const fixed = this.smtpPort !== 0 && this.httpPort !== 0;
    for (let attempt = 1; ; attempt++) {
      if (await this.startOnce()) return this;
      if (fixed || attempt >= 3) throw new Error('mailpit did not become ready');
      this.smtpPort = 0;
      this.httpPort = 0;
    }
  }

  private async startOnce(): Promise<boolean> {
    this.smtpPort ||= await freePort();
    this.httpPort ||= await freePort();
    mkdirSync(this.dir, { recursive: true });
    const child = spawn(
      mailpitBinary(),
      [
        '--smtp',
        `127.0.0.1:${this.smtpPort}`,
        '--listen',
        `127.0.0.1:${this.httpPort}`,
        '--database',
        join(this.dir, 'mailpit.db'),
        '--disable-version-check',
        '--quiet',
      ],
      { stdio: 'ignore' },
    );
    this.child = child;
    let exited = false;
    child.once('exit', () => (exited = true));
    const until = Date.now() + 60_000;
    while (Date.now() < until && !exited) {
      try {
        if ((await fetch(`http://127.0.0.1:${this.httpPort}/readyz`)).ok) return true;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!exited) child.kill('SIGKILL');
    return false;
  }

  /** SIGTERM and wait for the exit: the SMTP port is closed when this returns. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** Every message held, oldest first. */
  async messages(): Promise<MailSummary[]> {
    const r = await fetch(`${this.api}/messages?limit=1000`);
    const body = (await r.json()) as { messages: MailSummary[] };
    return body.messages.reverse();
  }

  async message(id: string): Promise<MailDetail> {
    return (await (await fetch(`${this.api}/message/${id}`)).json()) as MailDetail;
  }

  /** Messages to one address, as "subject" strings, oldest first. */
  async subjectsTo(address: string): Promise<string[]> {
    return (await this.messages())
      .filter((m) => m.To.some((t) => t.Address === address))
      .map((m) => m.Subject);
  }
}
