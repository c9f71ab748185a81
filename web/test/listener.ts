import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The inodes of the TCP sockets listening on `port` (IPv4 and IPv6), from the kernel's tables. */
const listeningInodes = (port: number): Set<string> => {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // sl local_address rem_address st ... inode (the 10th field); st 0A is LISTEN
      if (f.length < 10 || f[3] !== '0A') continue;
      if (Number.parseInt(f[1]!.split(':')[1]!, 16) === port) inodes.add(f[9]!);
    }
  }
  return inodes;
};

/**
 * Whether process `pid` itself holds the socket listening on `port`. A port picked as free can be taken by another
 * test's process before ours binds it; that process then answers our readiness checks (seen in CI: identity exited
 * with EADDRINUSE while another suite's service on its port answered /ready, and sign-in got that service's 404).
 * Where the kernel's tables cannot be read (not Linux), the answer is true: the readiness check alone decides.
 */
export const listensOn = (pid: number | undefined, port: number): boolean => {
  if (!existsSync('/proc/net/tcp') || pid === undefined) return true;
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return false;
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false; // the process is gone
  }
  return fds.some((fd) => {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      return m !== null && inodes.has(m[1]!);
    } catch {
      return false;
    }
  });
};
