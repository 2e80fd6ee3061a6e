import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';
import { makePrivateFolder } from './private-files.js';
import { newToken } from './secure-tokens.js';

/**
 * The key that signs cookies. Production sets WAYMARK_SESSION_SECRET; elsewhere one is made on
 * first start and kept in the data folder, readable only by its owner.
 */
export function resolveSecret(config: Config): string {
  if (config.sessionSecret) return config.sessionSecret;
  const file = path.join(config.dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  makePrivateFolder(config.dataDir);
  const secret = newToken(48);
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
