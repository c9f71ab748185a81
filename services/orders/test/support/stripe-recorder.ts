import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StripeCall {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  body: string;
  status: number;
  responseId: string | undefined;
}

/**
 * A transparent recorder in front of the real stripe-mock: every request is forwarded unchanged and
 * its method, path, Idempotency-Key and the id Stripe answered with are recorded. stripe-mock keeps
 * no state (a repeated key gets a fresh id), so the keys are what proves a repeated call would be
 * de-duplicated by real Stripe.
 */
export class StripeRecorder {
  readonly calls: StripeCall[] = [];
  private server: Server | undefined;
  private readonly outages = new Map<string, number>();

  /** Answer the next `times` requests to `path` with a 500 instead of forwarding them (a provider outage). */
  failNext(path: string, times: number): void {
    this.outages.set(path, times);
  }

  constructor(private readonly target: string) {}

  async start(): Promise<string> {
    const target = new URL(this.target);
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const path = (req.url ?? '').split('?')[0]!;
        const outage = this.outages.get(path) ?? 0;
        if (outage > 0) {
          this.outages.set(path, outage - 1);
          this.calls.push({ method: req.method ?? '', path, idempotencyKey: req.headers['idempotency-key'] as string | undefined, body: body.toString(), status: 500, responseId: undefined });
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { type: 'api_error', message: 'simulated outage' } }));
          return;
        }
        const upstream = request(
          { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
          (up) => {
            const out: Buffer[] = [];
            up.on('data', (c: Buffer) => out.push(c));
            up.on('end', () => {
              const text = Buffer.concat(out).toString();
              let responseId: string | undefined;
              try {
                responseId = (JSON.parse(text) as { id?: string }).id;
              } catch {
                responseId = undefined;
              }
              this.calls.push({
                method: req.method ?? '',
                path,
                idempotencyKey: req.headers['idempotency-key'] as string | undefined,
                body: body.toString(),
                status: up.statusCode ?? 0,
                responseId,
              });
              res.writeHead(up.statusCode ?? 502, up.headers);
              res.end(text);
            });
          },
        );
        upstream.on('error', () => {
          res.writeHead(502);
          res.end();
        });
        upstream.end(body);
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  of(method: string, path: string): StripeCall[] {
    return this.calls.filter((c) => c.method === method && c.path === path);
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
