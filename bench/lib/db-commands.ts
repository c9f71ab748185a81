/**
 * Work per order, counted by the services themselves and read from each service's /metrics (metrics exist only
 * with telemetry on):
 * - database commands (MONGO_COMMAND_STATS=on: the driver's command monitoring feeds
 *   db_commands_total{command,collection}); server-agnostic, so the same count compares one database server with
 *   another;
 * - Kafka messages: published by the outbox relays (outbox_published_total) and handled by the consumers
 *   (messaging_events_processed_total).
 * Keys are `service command collection` for commands and `service published|consumed` for messages.
 */
export type CommandCounts = Record<string, number>;

const SAMPLE = /^([a-z_]+)\{([^}]*)\}\s+([0-9.e+]+)/;
const labelsOf = (s: string) =>
  Object.fromEntries([...s.matchAll(/([a-zA-Z_]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));

const keyOf = (service: string, metric: string, labels: Record<string, string>): string | undefined => {
  if (metric === 'db_commands_total')
    return `db ${service} ${labels.command} ${labels.collection ?? ''}`.trim();
  if (metric === 'outbox_published_total') return `kafka ${service} published`;
  if (metric === 'messaging_events_processed_total') return `kafka ${service} consumed`;
  return undefined;
};

/** `services` maps a service name to its base URL. */
export const scrapeCommands = async (services: Record<string, string>): Promise<CommandCounts> => {
  const counts: CommandCounts = {};
  for (const [service, url] of Object.entries(services)) {
    const res = await fetch(`${url}/metrics`).catch(() => undefined);
    if (!res?.ok) continue;
    for (const line of (await res.text()).split('\n')) {
      const m = SAMPLE.exec(line);
      const key = m && keyOf(service, m[1]!, labelsOf(m[2]!));
      if (key) counts[key] = (counts[key] ?? 0) + Number(m[3]);
    }
  }
  return counts;
};

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Per order between two scrapes: database commands in total, by command, by service and by `service command
 * collection`; Kafka messages published and consumed, in total and by service (null when nothing was counted).
 */
export const perOrder = (before: CommandCounts, after: CommandCounts, orders: number) => {
  const n = Math.max(orders, 1);
  const db = {
    total: 0,
    byCommand: {} as Record<string, number>,
    byService: {} as Record<string, number>,
    detail: {} as Record<string, number>,
  };
  const kafka = { published: 0, consumed: 0, byService: {} as Record<string, number> };
  for (const [k, v] of Object.entries(after)) {
    const d = v - (before[k] ?? 0);
    if (d <= 0) continue;
    const [kind, service, what, collection] = k.split(' ') as [string, string, string, string?];
    if (kind === 'db') {
      db.total += d;
      db.byCommand[what] = (db.byCommand[what] ?? 0) + d;
      db.byService[service] = (db.byService[service] ?? 0) + d;
      db.detail[`${service} ${what} ${collection ?? ''}`.trim()] = d;
    } else {
      kafka[what as 'published' | 'consumed'] += d;
      kafka.byService[`${service} ${what}`] = d;
    }
  }
  if (db.total === 0 && kafka.published === 0) return null;
  const per = (m: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(m)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => [k, round1(v / n)]),
    );
  return {
    total: round1(db.total / n),
    byCommand: per(db.byCommand),
    byService: per(db.byService),
    detail: per(db.detail),
    kafka: {
      published: round1(kafka.published / n),
      consumed: round1(kafka.consumed / n),
      byService: per(kafka.byService),
    },
  };
};
