// The upload page for service managers, the page that follows an import, and the rejected
// rows' download. The import itself runs in the background in this process; its progress is
// kept in the database, so the page can be left and come back to.
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { Services, WithServices } from '../../services.js';
import type { FieldError } from '../../platform/errors.js';
import { presentForm } from '../../platform/forms.js';
import { requireCapability } from '../../platform/guards.js';
import type { Translate } from '../../platform/i18n/index.js';
import { REFERRAL_FIELD_NAMES, REQUIRED_FIELDS } from '../referrals/index.js';
import { BOM } from './csv.js';
import { isFileProblem } from './problems.js';
import {
  discardOldUploads,
  discardUpload,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_TEXT,
  receiveUpload,
} from './upload.js';

const UPLOAD_PAGE = 'imports/views/upload.njk';
const JOB_PAGE = 'imports/views/job.njk';

/** Each column and whether it must be there, for the list on the upload page. */
const COLUMNS = REFERRAL_FIELD_NAMES.map((name) => ({
  name,
  need: (REQUIRED_FIELDS as readonly string[]).includes(name)
    ? 'required'
    : name === 'victim_surname' || name === 'offender_surname'
      ? 'surnameRequired'
      : name === 'offence_group'
        ? 'crimeRequired'
        : 'optional',
}));

type Job = Awaited<ReturnType<Services['imports']['job']>>;

function progressText(t: Translate, job: Job) {
  return {
    percent: t('imports.job.percent', { percent: job.percent }),
    message: job.publishing
      ? t('imports.job.publishing')
      : t('imports.job.soFar', {
          rows: job.rowsRead.toLocaleString('en-GB'),
          staged: job.imported.toLocaleString('en-GB'),
          rejected: job.rejected.toLocaleString('en-GB'),
          duplicates: job.duplicates.toLocaleString('en-GB'),
        }),
  };
}

/** A file name safe for a Content-Disposition header. */
function downloadName(fileName: string): string {
  const base = fileName.replace(/\.csv$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-') || 'import';
  return `${base}.rejects.csv`;
}

export async function importRoutes(app: FastifyInstance, { services }: WithServices) {
  // Only these routes read multipart bodies; the plugin stays inside this one.
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  app.addHook('onClose', async () => services.imports.stopAll());
  void discardOldUploads();

  const manager = requireCapability(services.access, 'manage_service', 'referral_import.page');
  const staff = requireCapability(services.access, 'triage_referrals', 'referral_import.page');

  async function uploadPage(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { status?: number; errors?: FieldError[]; values?: Record<string, string> } = {},
  ) {
    const recent = await services.imports.recent(request.actor!);
    return reply.code(options.status ?? 200).view(UPLOAD_PAGE, {
      form: presentForm(request.t, options.values ?? {}, options.errors ?? []),
      columns: COLUMNS,
      recent,
      maxSize: MAX_UPLOAD_TEXT,
    });
  }

  app.get('/referrals/import', { preHandler: manager }, (request, reply) =>
    uploadPage(request, reply),
  );

  // The CSRF token comes in the form's action (its query string), so it is checked before the
  // file is read (see platform/csrf.ts).
  app.post('/referrals/import', { preHandler: manager }, async (request, reply) => {
    const refuse = (key: string, values: Record<string, string> = {}) =>
      uploadPage(request, reply, {
        status: 400,
        errors: [{ field: 'file', key, params: { size: MAX_UPLOAD_TEXT } }],
        values,
      });
    if (!request.isMultipart()) return refuse('imports.errors.fileRequired');
    const received = await receiveUpload(request);
    if (!received.ok) return refuse(received.key, received.fields);
    const { upload, fields } = received;
    try {
      const started = await services.imports.start(
        request.actor!,
        { name: upload.fileName, size: upload.size, open: () => createReadStream(upload.path) },
        { dryRun: fields.dry_run === 'yes' },
      );
      const log = request.log;
      void started
        .run()
        .catch((error: unknown) => {
          // The message and code only: a database error's detail can quote a row's values.
          const { message, code } = error as { message?: string; code?: string };
          if (!isFileProblem(error))
            log.error({ job: started.jobId, code, message }, 'import failed');
        })
        .finally(() => discardUpload(upload));
      return reply.redirect(`/referrals/import/${started.jobId}`, 303);
    } catch (error) {
      await discardUpload(upload);
      if (!isFileProblem(error)) throw error;
      return uploadPage(request, reply, {
        status: 400,
        errors: error.fieldErrors,
        values: fields,
      });
    }
  });

  app.get('/referrals/import/:jobId', { preHandler: manager }, async (request, reply) => {
    const { jobId } = request.params as { jobId: string };
    const job = await services.imports.job(request.actor!, jobId);
    return reply.view(JOB_PAGE, {
      job,
      progress: progressText(request.t, job),
      error: job.error ? request.t(job.error.key, job.error.params) : undefined,
    });
  });

  // What the page's script polls while an import runs.
  app.get('/referrals/import/:jobId/progress', { preHandler: manager }, async (request) => {
    const { jobId } = request.params as { jobId: string };
    const job = await services.imports.job(request.actor!, jobId);
    const text = progressText(request.t, job);
    return { status: job.status, value: job.percent, percent: text.percent, message: text.message };
  });

  app.get('/referrals/import/:jobId/rejects.csv', { preHandler: staff }, async (request, reply) => {
    const { jobId } = request.params as { jobId: string };
    const rejects = await services.imports.rejects(request.actor!, jobId);
    async function* body() {
      yield BOM;
      for await (const line of rejects.lines) yield line;
    }
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${downloadName(rejects.fileName)}"`)
      .send(Readable.from(body()));
  });
}
