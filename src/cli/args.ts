// A small strict argv parser: known flags only, values checked, errors are UsageError (exit 2).

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Flag spec: 'boolean' takes no value, 'string' takes the next argument (or `--flag=value`). */
export type FlagSpec = Record<string, { kind: 'boolean' | 'string'; alias?: string }>;

export interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const byAlias = new Map(Object.entries(spec).flatMap(([name, s]) => (s.alias === undefined ? [] : [[s.alias, name] as const])));
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const raw = a.startsWith('--') ? a.slice(2, eq < 0 ? undefined : eq) : a.slice(1, eq < 0 ? undefined : eq);
    const name = a.startsWith('--') ? raw : byAlias.get(raw);
    const s = name === undefined ? undefined : spec[name];
    if (name === undefined || s === undefined) throw new UsageError(`unknown option '${a}'`);
    if (flags.has(name)) throw new UsageError(`option --${name} given twice`);
    if (s.kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      flags.set(name, true);
    } else if (eq >= 0) flags.set(name, a.slice(eq + 1));
    else {
      const v = argv[i + 1];
      if (v === undefined) throw new UsageError(`option --${name} needs a value`);
      flags.set(name, v);
      i++;
    }
  }
  return { positional, flags };
}

/** A numeric flag in [min, max] (integer when asked), or undefined when absent. */
export function numberFlag(args: ParsedArgs, name: string, min: number, max: number, integer = false): number | undefined {
  const v = args.flags.get(name);
  if (v === undefined) return undefined;
  const x = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(x) || x < min || x > max || (integer && !Number.isInteger(x))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}] (got '${String(v)}')`);
  }
  return x;
}

/** A flag whose value is one of `allowed`, or undefined when absent. */
export function choiceFlag<T extends string>(args: ParsedArgs, name: string, allowed: readonly T[]): T | undefined {
  const v = args.flags.get(name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got '${String(v)}')`);
  return v as T;
}
