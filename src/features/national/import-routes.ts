// The national analyst's upload page: survey responses, monthly Victims' Code returns or
// populations, as a CSV file. The file is small (a row per area and year or month), so it is
// imported while the page waits and the result, with each rejected row's reasons, is shown.
import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { WithServices } from '../../services.js';
import type { FieldError } from '../../platform/errors.js';
import { presentForm } from '../../platform/forms.js';
import { requireCapability } from '../../platform/guards.js';
import { isFileProblem, discardUpload, receiveUpload } from '../imports/index.js';
import { MAX_NATIONAL_FILE_BYTES, MAX_NATIONAL_FILE_TEXT } from './import-run.js';
import { PROVISION_COLUMNS } from './provision/import.js';
import { RETURN_COLUMNS } from './victims-informed/import.js';
import { POPULATION_COLUMNS } from './populations.js';

const PAGE = 'national/views/import.njk';
const RESULT = 'national/views/imported.njk';

export const NATIONAL_FILES = {
  provision: PROVISION_COLUMNS,
  'victims-informed': RETURN_COLUMNS,
  populations: POPULATION_COLUMNS,
} as const;
type Kind = keyof typeof NATIONAL_FILES;
const isKind = (value: unknown): value is Kind =>
  typeof value === 'string' && Object.hasOwn(NATIONAL_FILES, value);

export async function nationalImportRoutes(app: FastifyInstance, { services }: WithServices) {
  await app.register(multipart, { limits: { fileSize: MAX_NATIONAL_FILE_BYTES, files: 1 } });
  const guard = requireCapability(services.access, 'import_national', 'national_import.page');

  function page(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { values?: Record<string, string>; errors?: FieldError[] } = {},
  ) {
    const errors = options.errors ?? [];
    return reply.code(errors.length ? 400 : 200).view(PAGE, {
      form: presentForm(request.t, options.values ?? {}, errors),
      kinds: Object.entries(NATIONAL_FILES).map(([kind, columns]) => ({
        value: kind,
        text: request.t(`national.import.kinds.${kind}.name`),
        hint: {
          text: `${request.t(`national.import.kinds.${kind}.hint`)} ${request.t('national.import.columns', { columns: columns.join(', ') })}`,
        },
        checked: options.values?.kind === kind,
      })),
      maxSize: MAX_NATIONAL_FILE_TEXT,
    });
  }

  app.get('/national/import', { preHandler: guard }, (request, reply) => page(request, reply));

  // The CSRF token comes in the form's action, so it is checked before the file is read.
  app.post('/national/import', { preHandler: guard }, async (request, reply) => {
    if (!request.isMultipart())
      return page(request, reply, {
        errors: [{ field: 'file', key: 'imports.errors.fileRequired' }],
      });
    const received = await receiveUpload(request);
    const values = received.fields;
    const errors: FieldError[] = [];
    if (!isKind(values.kind)) errors.push({ field: 'kind', key: 'national.import.kindRequired' });
    if (!received.ok)
      errors.push({ field: 'file', key: received.key, params: { size: MAX_NATIONAL_FILE_TEXT } });
    else if (received.upload.size > MAX_NATIONAL_FILE_BYTES)
      errors.push({
        field: 'file',
        key: 'imports.errors.tooLarge',
        params: { size: MAX_NATIONAL_FILE_TEXT },
      });
    if (errors.length > 0 || !received.ok || !isKind(values.kind)) {
      if (received.ok) await discardUpload(received.upload);
      return page(request, reply, { values, errors });
    }
    const { upload } = received;
    const kind = values.kind;
    const options = { fileName: upload.fileName, dryRun: values.dry_run === 'yes' };
    const open = () => createReadStream(upload.path);
    try {
      const summary =
        kind === 'provision'
          ? await services.provision.importCsv(request.actor!, open, options)
          : kind === 'victims-informed'
            ? await services.victimsInformed.importCsv(request.actor!, open, options)
            : await services.populations.importCsv(request.actor!, open, options);
      return reply.view(RESULT, { kind, fileName: upload.fileName, summary });
    } catch (error) {
      if (!isFileProblem(error)) throw error;
      return page(request, reply, { values, errors: error.fieldErrors });
    } finally {
      await discardUpload(upload);
    }
  });
}
