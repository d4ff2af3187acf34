import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds used so far by the PostgreSQL backends serving a database (Linux /proc; undefined
 * elsewhere). With the service's own CPU time this gives a figure the machine's load does not
 * distort: on an idle machine a load takes at least max(service, database) and at least half the sum.
 */
export function postgresCpuSeconds(database: string): number | undefined {
  let ticks = 0;
  let seen = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (!cmd.startsWith('postgres:') || !cmd.includes(` ${database} `)) continue;
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]);
        seen++;
      } catch {
        // the process ended meanwhile
      }
    }
  } catch {
    return undefined;
  }
  return seen > 0 ? ticks / 100 : undefined;
}
