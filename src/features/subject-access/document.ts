// The subject access report as a document a person can read (self-contained HTML: no scripts,
// no external files, printable) and as JSON. Every value is escaped by the template.
import nunjucks from 'nunjucks';
import { formatDateTime } from '../../platform/format.js';
import { configureNunjucks, templatePaths } from '../../platform/views.js';
import type { SubjectAccessReport } from './service.js';

let environment: nunjucks.Environment | undefined;

function env(): nunjucks.Environment {
  if (!environment) {
    environment = new nunjucks.Environment(new nunjucks.FileSystemLoader(templatePaths()), {
      autoescape: true,
    });
    configureNunjucks(environment);
  }
  return environment;
}

/** "date_of_birth" → "Date of birth". */
function label(column: string): string {
  const words = column.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (value instanceof Date) return formatDateTime(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map(shown).join(', ');
  if (typeof value === 'object') return JSON.stringify(value, null, 1);
  return String(value);
}

/** A record as label/value pairs, leaving out the ids that mean nothing to the person. */
function fields(row: Record<string, unknown> | null) {
  if (!row) return [];
  return Object.entries(row)
    .filter(([key]) => !(key === 'id' || key.endsWith('_id') || key.endsWith('_by')))
    .map(([key, value]) => ({ label: label(key), value: shown(value) }));
}

export function subjectAccessHtml(report: SubjectAccessReport): string {
  const section = (rows: Record<string, unknown>[]) => rows.map(fields);
  return env().render('subject-access/views/document.njk', {
    report,
    person: fields(report.person),
    referrals: section(report.referrals),
    referralParties: section(report.referralParties),
    cases: report.cases.map((c) => ({
      summary: fields(c.case),
      participant: fields(c.participant),
      records: Object.entries(c.records).map(([table, rows]) => ({
        title: label(table.replace(/^case_/, '')),
        rows: section(rows),
      })),
      caseWide: Object.entries(c.caseWide).map(([table, rows]) => ({
        title: label(table.replace(/^case_/, '')),
        rows: section(rows),
      })),
    })),
    access: report.access.map((event) => ({
      when: shown(event.occurred_at),
      who: event.user_name
        ? `${String(event.user_name)} (${String(event.user_role)}, ${String(event.organisation ?? '')})`
        : `System: ${String(event.via ?? 'unknown')}`,
      action: String(event.action),
      record: `${String(event.entity_type)} ${String(event.entity_id ?? '')}`,
      outcome: String(event.outcome),
      from: shown(event.address),
    })),
  });
}

export function subjectAccessJson(report: SubjectAccessReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
