// The reports: a service manager's report on their own service, and the area report for the
// services operating in a police force area (a commissioner's own area; any area for a national
// analyst or the operator at the command line). Both read only the aggregate store, as the role
// waymark_figures (from the replica when there is one: src/db/figure-reads.ts), and are the same
// report for different services: the page, the CSV, the workbook and the quarterly return are
// written from it.
import type { Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { FigureReads } from '../../db/figure-reads.js';
import { rjServicesIn } from '../organisations/index.js';
import { readReferenceCsv } from '../../db/reference-data.js';
import type { DB } from '../../db/schema.js';
import {
  currentFinancialYear,
  financialYearOf,
  monthsOf,
  periodKey,
  type ReportPeriod,
} from '../../domain/report-periods.js';
import { can, type Actor } from '../../domain/roles.js';
import type { ReportingSettings, YearSpend } from '../../domain/value-for-money.js';
import { recordAudit, type AuditEvent } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import { notFound } from '../../platform/errors.js';
import { londonDate } from '../../platform/format.js';
import { translator } from '../../platform/i18n/index.js';
import type { Report, ReportService } from './model.js';
import { periodLabel, readReportPeriod } from './period-form.js';
import { buildReport } from './report.js';
import { readFiguresAsAt, readOrganisations, readStore, readTestimonials } from './store.js';

/** The shipped categories of need's labels, by key (the store keeps keys only). */
const categoryLabels = readReferenceCsv('categories-of-need.csv').then(
  (rows) => new Map(rows.map((row) => [row.id!, row.label!])),
);

async function spendOf(tx: Tx, orgIds: string[], period: ReportPeriod) {
  const years = [...new Set(monthsOf(period).map(financialYearOf))];
  const rows = orgIds.length
    ? await tx
        .selectFrom('service_spend')
        .select(['org_id', 'financial_year', 'amount_pence'])
        .where('org_id', 'in', orgIds)
        .where('financial_year', 'in', years)
        .execute()
    : [];
  const spend = new Map<string, YearSpend[]>();
  for (const row of rows) {
    const list = spend.get(row.org_id) ?? [];
    list.push({ financialYear: row.financial_year, pence: Number(row.amount_pence) });
    spend.set(row.org_id, list);
  }
  return spend;
}

export interface ReportRequest {
  kind: Report['kind'];
  title: string;
  period: ReportPeriod;
  services: ReportService[];
  area?: { id: string; name: string };
  threshold: number | null;
}

export function reportService(deps: {
  db: Kysely<DB>;
  reads: FigureReads;
  clock: Clock;
  reporting: ReportingSettings;
}) {
  const { db, reads, clock, reporting } = deps;
  const t = translator('en');

  /**
   * The report is read (from the replica, perhaps), then its viewing is audited on the primary,
   * as the same role; a report whose viewing could not be recorded is not shown.
   */
  async function audited(actor: Actor, report: Report, event: AuditEvent): Promise<Report> {
    await withActor(db, actor, (tx) => recordAudit(tx, actor, event), { figuresOnly: true });
    return report;
  }

  async function build(tx: Tx, request: ReportRequest): Promise<Report> {
    const orgIds = request.services.map((s) => s.id);
    const offenceGroups = await tx
      .selectFrom('offence_groups')
      .select(['id', 'name'])
      .orderBy('sort_order')
      .execute();
    return buildReport({
      ...request,
      periodLabel: periodLabel(request.period, t),
      producedAt: clock.now(),
      figuresAsAt: await readFiguresAsAt(tx),
      rows: await readStore(tx, orgIds, request.period),
      testimonials: await readTestimonials(tx, orgIds, request.period),
      spend: await spendOf(tx, orgIds, request.period),
      costBenefit: reporting.costBenefit,
      organisations: await readOrganisations(tx),
      offenceGroups: new Map(offenceGroups.map((g) => [g.id, g.name])),
      categories: await categoryLabels,
      t,
    });
  }

  const defaultPeriod = () => currentFinancialYear(londonDate(clock.now()));

  /** The area an actor may see figures for, its name and its RJ services; or not found. */
  async function area(tx: Tx, actor: Actor, areaId: string) {
    const found = await tx
      .selectFrom('areas')
      .select(['id', 'name'])
      .where('id', '=', areaId)
      .executeTakeFirst();
    if (!found) throw notFound();
    if (!can(actor, 'view_national') && !(actor.kind === 'system')) {
      const own = await tx
        .selectFrom('organisations')
        .select('area_id')
        .where('id', '=', actor.orgId!)
        .executeTakeFirst();
      if (own?.area_id !== areaId) throw notFound();
    }
    const services = await rjServicesIn(tx, areaId);
    return { area: found, services };
  }

  return {
    defaultPeriod,

    /** A service manager's report on their own service, nothing hidden. */
    async serviceReport(actor: Actor, query: unknown, action = 'report.viewed'): Promise<Report> {
      await authorize(db, actor, 'manage_service', 'outcomes.viewed');
      const period = readReportPeriod(query, defaultPeriod());
      const report = await reads(actor, async (tx) => {
        const service = await tx
          .selectFrom('organisations')
          .select(['id', 'name'])
          .where('id', '=', actor.orgId!)
          .executeTakeFirstOrThrow();
        return build(tx, {
          kind: 'service',
          title: t('reports.serviceTitle', { service: service.name }),
          period,
          services: [service],
          threshold: null,
        });
      });
      return audited(actor, report, {
        action,
        details: { kind: 'service', period: periodKey(period) },
      });
    },

    /** The figures of every service in a police force area, small numbers hidden. */
    async areaReport(
      actor: Actor,
      areaId: string,
      query: unknown,
      action = 'report.viewed',
    ): Promise<Report> {
      if (!can(actor, 'view_area') && !can(actor, 'view_national') && actor.kind !== 'system')
        await authorize(db, actor, 'view_area', 'area.viewed');
      const period = readReportPeriod(query, defaultPeriod());
      const report = await reads(actor, async (tx) => {
        const found = await area(tx, actor, areaId);
        return build(tx, {
          kind: 'area',
          title: t('reports.areaTitle', { area: found.area.name }),
          period,
          services: found.services,
          area: found.area,
          threshold: reporting.suppressionThreshold,
        });
      });
      return audited(actor, report, {
        action,
        entityType: 'area',
        entityId: areaId,
        details: { kind: 'area', period: periodKey(period) },
      });
    },
  };
}

export type ReportsService = ReturnType<typeof reportService>;
