/**
 * Database operations per order, counted by the services themselves (MONGO_COMMAND_STATS=on: the driver's
 * command monitoring feeds the metric db_commands_total{command}) and read from each service's /metrics.
 * Server-agnostic, so the same count compares one database server with another. Metrics exist only with
 * telemetry on.
 */
export type CommandCounts = Record<string, number>;

const LINE = /^db_commands_total\{[^}]*command="([^"]+)"[^}]*\}\s+([0-9.e+]+)/;

export const scrapeCommands = async (urls: string[]): Promise<CommandCounts> => {
  const counts: CommandCounts = {};
  for (const url of urls) {
    const res = await fetch(`${url}/metrics`).catch(() => undefined);
    if (!res?.ok) continue;
    for (const line of (await res.text()).split('\n')) {
      const m = LINE.exec(line);
      if (m) counts[m[1]!] = (counts[m[1]!] ?? 0) + Number(m[2]);
    }
  }
  return counts;
};

/** Commands per order between two scrapes, by command and in total (null when nothing was counted). */
export const perOrder = (before: CommandCounts, after: CommandCounts, orders: number) => {
  const byCommand: Record<string, number> = {};
  let total = 0;
  for (const [k, v] of Object.entries(after)) {
    const d = v - (before[k] ?? 0);
    if (d <= 0) continue;
    total += d;
    byCommand[k] = Math.round((d / Math.max(orders, 1)) * 10) / 10;
  }
  if (total === 0) return null;
  return { total: Math.round((total / Math.max(orders, 1)) * 10) / 10, byCommand };
};
