// Server-rendered pages: Nunjucks with the GOV.UK and MoJ Frontend templates. Templates are
// found by path from src/features ("auth/views/sign-in.njk") or src/platform/views
// ("layout.njk"), then the two design systems ("govuk/components/...", "moj/components/...").
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyView from '@fastify/view';
import nunjucks from 'nunjucks';
import { formatDate, formatDateTime, formatMonth, formatNumber } from './format.js';
import { translator } from './i18n/index.js';
import { markup, trimmed } from './markup.js';
import { packageDir, srcDir } from './paths.js';

export function templatePaths(): string[] {
  return [
    path.join(srcDir, 'features'),
    path.join(srcDir, 'platform', 'views'),
    path.join(packageDir('govuk-frontend'), 'dist'),
    packageDir('@ministryofjustice/frontend'),
  ];
}

export function configureNunjucks(env: nunjucks.Environment): void {
  env.addGlobal('t', translator('en'));
  // Fragments for `html` parameters, every value escaped (see markup.ts).
  env.addGlobal('markup', markup);
  env.addFilter('date', formatDate);
  env.addFilter('dateTime', formatDateTime);
  env.addFilter('number', formatNumber);
  env.addFilter('monthName', formatMonth);
  // Nunjucks's trim without walking every character (markup.ts): GOV.UK macros trim every
  // component's content.
  env.addFilter('trim', trimmed);
  // For GOV.UK select/radio items: [{ value, text, selected }] from a list and the chosen value.
  env.addFilter('asItems', (options: { value: string; text: string }[], chosen: unknown) =>
    options.map((option) => ({
      ...option,
      selected: option.value === chosen,
      checked: option.value === chosen,
    })),
  );
}

export async function registerViews(app: FastifyInstance, options: { cache: boolean }) {
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: templatePaths(),
    production: options.cache,
    options: {
      autoescape: true,
      throwOnUndefined: false,
      noCache: !options.cache,
      onConfigure: configureNunjucks,
    },
  });
}
