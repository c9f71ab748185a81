import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');

export interface ChildService {
  url: string;
  pid: number;
  output: string[];
  /** Resolves when the process ended, with how. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop: () => Promise<void>;
}

/**
 * The orders service as a real process (node + tsx, services/orders/src/main.ts), so a test can
 * watch it die by SIGKILL and start it again on the same database and topics.
 */
export const spawnOrders = async (env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<ChildService> => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'services/orders/src/main.ts'], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`orders did not start:\n${output.join('')}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      for (const line of chunk.toString().split('\n')) {
        try {
          const entry = JSON.parse(line) as { msg?: string; port?: number; host?: string };
          if (entry.msg === 'service listening') {
            clearTimeout(timer);
            resolve(`http://${entry.host ?? '127.0.0.1'}:${entry.port}`);
          }
        } catch {
          // not a log line
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
    void exited.then(({ code, signal }) => reject(new Error(`orders exited early (${code ?? signal}):\n${output.join('')}`)));
  });
  return {
    url,
    pid: child.pid!,
    output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
};
