import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { packageDir, srcDir } from './paths.js';

/** The GOV.UK and MoJ Frontend compiled CSS, JavaScript, fonts and images, and Waymark's own. */
export async function setUpStaticAssets(app: FastifyInstance) {
  const govuk = path.join(packageDir('govuk-frontend'), 'dist', 'govuk');
  const moj = path.join(packageDir('@ministryofjustice/frontend'), 'moj');
  await app.register(fastifyStatic, {
    root: [
      path.join(srcDir, 'platform', 'assets'),
      path.join(govuk, 'assets'),
      path.join(moj, 'assets'),
      govuk,
      moj,
      // Chart.js draws charts over the data tables that every chart page already shows.
      path.join(packageDir('chart.js'), 'dist'),
    ],
    prefix: '/assets/',
    index: false,
    list: false,
    maxAge: '1h',
    allowedPath: (pathName) => /\.(css|js|mjs|map|woff2?|png|svg|ico|json)$/.test(pathName),
  });
}
