// waymark import wellbeing FILE --service SLUG [--dry-run]: the same output, rejects file and
// exit codes as waymark import referrals.
import type { Command } from '../../../cli/command.js';
import type { Output } from '../../../cli/runtime.js';
import type { Services } from '../../../services.js';
import {
  importCommand,
  importFileAtCommandLine,
  type FileImporter,
} from '../../../cli/import-command.js';

const importWellbeing: FileImporter = (services, actor, file, options) =>
  services.wellbeing.importCsv(actor, () => file.open(), options);

const command = importCommand({
  kind: 'wellbeing',
  summary: 'Import wellbeing measures (entry, exit, follow-up) from a CSV file',
  columns: [
    'is a CSV file in UTF-8 whose first row names the columns: case_reference,',
    'participant (harmed, harmer or a participant id), kind (entry, exit or follow_up),',
    'taken_on, notes (optional), and one column per category of need (its key: see',
    "the service's Settings > Wellbeing categories), each a score from 1 to 5",
  ],
  importFile: importWellbeing,
});

/** The command's work on open services (0 when the file was processed, 1 when it could not be). */
export const importWellbeingFile = (
  services: Services,
  output: Output,
  options: { file: string; service: string; dryRun: boolean },
) =>
  importFileAtCommandLine(
    services,
    output,
    { name: command.name, importFile: importWellbeing },
    options,
  );

export const WELLBEING_COMMANDS: Command[] = [command];
