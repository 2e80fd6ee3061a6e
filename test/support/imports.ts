// What an import test needs beyond the harness: files held in memory, and staged rows as an
// abandoned import leaves them.
import { Readable } from 'node:stream';
import type { ImportFile } from '../../src/features/imports/service.js';
import type { Harness } from './harness.js';

export function inMemory(name: string, text: string): ImportFile {
  return { name, size: Buffer.byteLength(text), open: () => Readable.from([Buffer.from(text)]) };
}

/**
 * A referral and its victim staged for `jobId` as an import stopped half way leaves them: a copy,
 * under new ids, of a referral the service holds. Answers the staged referral's id.
 */
export async function stageAbandonedReferral(
  h: Harness,
  jobId: string,
  orgId: string,
): Promise<string> {
  const [staged] = await h.database.withOwner((owner) =>
    owner.query<{ id: string }>(
      `with referral as (
         insert into import_staged_referrals
         select $1::uuid, (jsonb_populate_record(r, jsonb_build_object(
           'id', gen_random_uuid(), 'reference', 'RF-LEFT-' || substr(md5(random()::text), 1, 6),
           'duplicate_key', $3::text))).*
         from referrals r where r.org_id = $2 limit 1
         returning id
       )
       insert into import_staged_parties (job_id, id, org_id, referral_id, role)
       select $1::uuid, gen_random_uuid(), $2, referral.id, 'victim' from referral
       returning referral_id as id`,
      [jobId, orgId, `left-${jobId}`],
    ),
  );
  if (!staged) throw new Error('the service holds no referral to stage a copy of');
  return staged.id;
}
