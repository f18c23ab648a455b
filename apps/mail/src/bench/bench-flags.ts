/** The mail benchmark's settings: flags first, then the environment, then the defaults. */
export interface MailBenchFlags {
  /** one JSON object on standard output instead of the table */
  json: boolean;
  /** escalations sent flat out, for throughput */
  escalations: number;
  /** escalations sent flat out before, not measured: the steady state comes after the JIT's work */
  warmUp: number;
  /** the offered load for latency: escalations a second, for so many seconds */
  rate: number;
  seconds: number;
  /** seconds with nothing arriving, for idle CPU */
  idleSeconds: number;
  /** seconds of one INSERT per commit, the database's floor */
  floorSeconds: number;
  /** the messages over MAX_MESSAGE_BYTES and the slowest header (table only) */
  limits: boolean;
}

export function parseBenchFlags(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): MailBenchFlags {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(`--${name}`);
    if (at >= 0) return argv[at + 1];
    return argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const number = (name: string, fallback: number): number => {
    const text = value(name);
    if (text === undefined) return fallback;
    const parsed = Number(text);
    if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name}: not a number: ${text}`);
    return parsed;
  };
  const json = argv.includes('--json');
  return {
    json,
    escalations: number('escalations', Number(env.BENCH_ESCALATIONS ?? 4000)),
    warmUp: number('warm-up', 1000),
    rate: number('rate', 100),
    seconds: number('seconds', 30),
    idleSeconds: number('idle-seconds', 60),
    floorSeconds: number('floor-seconds', 10),
    limits: !json && !argv.includes('--no-limits'),
  };
}
