// What a PCC office spent on restorative justice through each service in its area, in a
// financial year: entered by the office, read by the reports (value for money, the quarterly
// return). Written as the figures role, whose row-level security lets a commissioner write the
// services of their own area only.
import type { Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import { rjServicesIn } from '../organisations/index.js';
import type { DB } from '../../db/schema.js';
import { financialYearOf, monthOf } from '../../domain/report-periods.js';
import { type Actor, userIdOf } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import { notFound, validationFailed, type FieldError } from '../../platform/errors.js';
import { londonDate } from '../../platform/format.js';

/** Pounds as typed ("40000", "£40,000.50"): pence, null for blank, or undefined if not money. */
export function penceOf(text: unknown): number | null | undefined {
  if (typeof text !== 'string' || text.trim() === '') return null;
  const plain = text.trim().replace(/^£/, '').replace(/,/g, '');
  if (!/^\d{1,11}(\.\d{1,2})?$/.test(plain)) return undefined;
  return Math.round(Number(plain) * 100);
}

async function ownArea(tx: Tx, actor: Actor, areaId: string) {
  const own = await tx
    .selectFrom('organisations')
    .innerJoin('areas', 'areas.id', 'organisations.area_id')
    .select(['areas.id', 'areas.name'])
    .where('organisations.id', '=', actor.orgId!)
    .executeTakeFirst();
  if (!own || own.id !== areaId) throw notFound();
  const services = await rjServicesIn(tx, areaId);
  return { area: own, services };
}

function yearOf(value: unknown, fallback: number): number {
  const year = Number(value);
  return Number.isInteger(year) && year >= 2000 && year <= 2098 ? year : fallback;
}

export function spendService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  const thisYear = () => financialYearOf(monthOf(londonDate(clock.now())));
  return {
    /** The police force area of a commissioner's office (not found when it has none). */
    async areaOf(actor: Actor): Promise<string> {
      await authorize(db, actor, 'view_area', 'area.page');
      const row = await withActor(db, actor, (tx) =>
        tx
          .selectFrom('organisations')
          .select('area_id')
          .where('id', '=', actor.orgId!)
          .executeTakeFirst(),
      );
      if (!row?.area_id) throw notFound();
      return row.area_id;
    },

    /** The area's services and what was entered for each in a financial year. */
    async form(actor: Actor, areaId: string, query: unknown) {
      await authorize(db, actor, 'view_area', 'spend.viewed');
      const year = yearOf((query as Record<string, unknown> | undefined)?.year, thisYear());
      return withActor(db, actor, async (tx) => {
        const { area, services } = await ownArea(tx, actor, areaId);
        const entered = services.length
          ? await tx
              .selectFrom('service_spend')
              .select(['org_id', 'amount_pence'])
              .where('financial_year', '=', year)
              .where(
                'org_id',
                'in',
                services.map((s) => s.id),
              )
              .execute()
          : [];
        const pence = new Map(entered.map((e) => [e.org_id, Number(e.amount_pence)]));
        return {
          area,
          year,
          years: Array.from({ length: 6 }, (_, i) => thisYear() - i),
          services: services.map((s) => ({ ...s, pence: pence.get(s.id) ?? null })),
        };
      });
    },

    /** Saves the amounts typed for each service (a blank leaves a service's spend as it was). */
    async save(actor: Actor, areaId: string, input: unknown) {
      await authorize(db, actor, 'view_area', 'spend.recorded');
      const body = (input ?? {}) as Record<string, unknown>;
      const year = yearOf(body.year, NaN);
      if (Number.isNaN(year))
        throw validationFailed([{ field: 'year', key: 'area.spend.errors.year' }]);
      return withActor(db, actor, async (tx) => {
        const { services } = await ownArea(tx, actor, areaId);
        const errors: FieldError[] = [];
        const amounts: { orgId: string; pence: number }[] = [];
        for (const service of services) {
          const pence = penceOf(body[`spend_${service.id}`]);
          if (pence === undefined)
            errors.push({
              field: `spend_${service.id}`,
              key: 'area.spend.errors.amount',
              params: { service: service.name },
            });
          else if (pence !== null) amounts.push({ orgId: service.id, pence });
        }
        if (errors.length) throw validationFailed(errors);
        for (const { orgId, pence } of amounts)
          await tx
            .insertInto('service_spend')
            .values({
              org_id: orgId,
              financial_year: year,
              amount_pence: pence,
              entered_by: userIdOf(actor),
            })
            .onConflict((oc) =>
              oc.columns(['org_id', 'financial_year']).doUpdateSet({
                amount_pence: pence,
                entered_by: userIdOf(actor),
                entered_at: clock.now(),
              }),
            )
            .execute();
        await recordAudit(tx, actor, {
          action: 'spend.recorded',
          entityType: 'area',
          entityId: areaId,
          details: { year, services: amounts.length },
        });
        return { year, saved: amounts.length };
      });
    },
  };
}

export type SpendService = ReturnType<typeof spendService>;
