// waymark import satisfaction FILE --service SLUG [--dry-run]
import type { Command } from '../../../../cli/command.js';
import { importCommand } from '../../../../cli/import-command.js';

export const SATISFACTION_IMPORT_COMMANDS: Command[] = [
  importCommand({
    kind: 'satisfaction',
    summary: 'Import satisfaction questionnaire responses from a CSV file into an RJ service',
    columns: [
      'is a CSV file in UTF-8 whose first row names the columns: case_reference,',
      'participant_id, responded_on, optionally audience and questionnaire_version, and one',
      'column per question id (see README.md)',
    ],
    async importFile(services, actor, file, { dryRun, reject }) {
      const summary = await services.feedback.import.run(actor, file, { dryRun });
      for (const line of summary.rejects) await reject(line);
      return summary;
    },
  }),
];
