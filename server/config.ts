// The one configuration module: every setting, read from the environment and checked with zod at start-up.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ClaimGraphError } from './model/errors';

/**
 * The folder holding package.json. The server runs from TypeScript in development and tests, and from compiled
 * JavaScript under build/ in production, so the root is found by looking up rather than by a fixed depth.
 */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(from, '..');
  }
}

export const PROJECT_ROOT = projectRoot(__dirname);

/** The datasets `npm start` loads into an empty database and `npm run seed` loads by default. */
export const SEED_DATA_DIR = path.join(PROJECT_ROOT, 'seed', 'data');

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const integer = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const memorySize = z
  .string()
  .regex(/^\d+[kmg]$/i, 'expected a size such as 512m or 2g')
  .transform((value) => value.toLowerCase());

/** Every setting with its environment variable; the README's settings table mirrors this. */
export const configSchema = z.object({
  PORT: integer(0, 65535, 3000),
  HOST: z.string().default('127.0.0.1'),
  NEO4J_URI: optionalText.pipe(
    z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'expected a neo4j:// or bolt:// URI')
      .optional(),
  ),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: optionalText,
  NEO4J_LOCAL_DIR: z.string().default(path.join(PROJECT_ROOT, '.neo4j')),
  NEO4J_LOCAL_PORT: integer(1, 65535, 7687),
  NEO4J_HEAP: memorySize.default('1g'),
  NEO4J_PAGECACHE: memorySize.default('512m'),
  NEO4J_JAVA_HOME: optionalText,
  QUERY_TIMEOUT_MS: integer(100, 600_000, 2000),
  CONNECT_TIMEOUT_MS: integer(100, 60_000, 2000),
  DOCUMENTS_DIR: z.string().default(path.resolve(PROJECT_ROOT, '..', 'shared', 'seeds')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    ),
  RATE_LIMIT_PER_MINUTE: integer(0, 1_000_000, 600),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'expected a size such as 100kb or 5mb')
    .default('5mb'),
  WRITE_TOKEN: optionalText,
  SEED_ON_START: z.enum(['auto', 'never']).default('auto'),
});

export type Config = z.infer<typeof configSchema>;

/** An environment variable has a value the server cannot use; the message names each variable and what was expected. */
export class ConfigError extends ClaimGraphError {
  constructor(message: string) {
    super('invalid_config', message);
  }
}

/** Parses the environment; a bad value throws a ConfigError naming the variable and what was expected. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return `${name}: ${issue.message} (got ${JSON.stringify(env[name] ?? null)})`;
    });
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
