// Every translation key the code and templates use exists in the English catalogue, so no page
// shows a raw key (and a Welsh catalogue can be checked the same way).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { srcDir } from '../paths.js';
import { hasKey } from './index.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

// Literal keys: t("a.b"), t('a.b'), "key": 'a.b' style messages in schemas ('x.y.z' strings
// passed as Zod messages or FieldError keys).
const CALL = /\bt\(\s*["']([a-zA-Z][\w]*(?:\.[\w]+)+)["']/g;
const KEY_PROPERTY = /\b(?:key|messageKey|notice)\s*:\s*["']([a-zA-Z][\w]*(?:\.[\w]+)+)["']/g;
const ZOD_MESSAGE =
  /(?:requiredText|choice|emailAddress|password|\.min|\.max|\.regex|error)\([^)]*?["']([a-z][\w]*\.(?:errors|validation)?[\w.]*)["']/g;

describe('the English catalogue', () => {
  const sources = files(srcDir).filter(
    (file) => /\.(ts|njk)$/.test(file) && !file.endsWith('.test.ts'),
  );
  const used = new Map<string, string>();
  for (const file of sources) {
    const text = readFileSync(file, 'utf8');
    for (const pattern of [CALL, KEY_PROPERTY, ZOD_MESSAGE]) {
      for (const match of text.matchAll(pattern)) used.set(match[1]!, path.relative(srcDir, file));
    }
  }

  it('finds keys to check', () => {
    expect(used.size).toBeGreaterThan(100);
  });

  it('has every key the code and templates use', () => {
    const missing = [...used]
      .filter(([key]) => !hasKey(key))
      .map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});
