/**
 * Reading a benchmark's command-line options (scripts/bench/*.ts): `--name value`
 * pairs and bare `--flag`s. Outside scripts/bench/ so the runner does not take
 * it for a benchmark.
 */
export function benchOptions(args: string[]) {
  const value = (name: string): string | undefined => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  return {
    value,
    flag: (name: string): boolean => args.includes(`--${name}`),
    /** A whole number of at least `min` ("1_000_000" and "1,000,000" are read as 1000000). */
    whole(name: string, fallback: number, min: number): number {
      const raw = value(name);
      const n = raw === undefined ? fallback : Number(raw.replaceAll("_", "").replaceAll(",", ""));
      if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}${raw === undefined ? "" : `, not ${raw}`}`);
      return n;
    },
  };
}
