import { operator, type Command } from '../../cli/command.js';
import { UsageError, withServices } from '../../cli/runtime.js';

export const HOLIDAY_COMMANDS: Command[] = [
  {
    name: 'holidays list',
    summary: 'List the bank holidays used to count working days',
    usage: 'waymark holidays list [--year YYYY]',
    options: { year: { type: 'string' } },
    async run(context, flags) {
      const year = flags.year === undefined ? undefined : Number(flags.year);
      if (year !== undefined && !(Number.isInteger(year) && year >= 1990 && year <= 2100)) {
        throw new UsageError(`--year must be a year such as 2027 (got "${String(flags.year)}")`);
      }
      const days = await withServices(context, 'holidays list', (services) =>
        services.bankHolidays.list(year),
      );
      for (const day of days) context.out(`${day.day}\t${day.name}`);
      if (days.length === 0) context.out('No bank holidays recorded for that year.');
      return 0;
    },
  },
  {
    name: 'holidays add',
    summary: 'Add a bank holiday (England and Wales), e.g. for a new year or a special day',
    usage: 'waymark holidays add --date YYYY-MM-DD --name NAME',
    options: { date: { type: 'string' }, name: { type: 'string' } },
    required: ['date', 'name'],
    async run(context, flags) {
      const result = await withServices(context, 'holidays add', (services) =>
        services.bankHolidays.add(operator('command line'), { date: flags.date, name: flags.name }),
      );
      context.out(
        `${result === 'added' ? 'Added' : 'Renamed'} bank holiday ${String(flags.date)}: ${String(flags.name).trim()}.`,
      );
      return 0;
    },
  },
];
