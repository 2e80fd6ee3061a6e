// A date of something done with people in a case, checked against the order of a case
// (src/domain/journey-order.ts): not before the referral arrived, not in the future.
import { contactDateRefusals } from '../../domain/journey-order.js';
import { validationFailed } from '../../platform/errors.js';
import { formatDate } from '../../platform/format.js';

export function refuseOutOfOrder(
  field: string,
  receivedOn: string | null,
  contactedOn: string,
  today: string,
): void {
  const reasons = contactDateRefusals({ contactedOn, today, referralReceivedOn: receivedOn });
  if (reasons.length)
    throw validationFailed(
      reasons.map((r) => ({
        field,
        key: r.key,
        params: r.params?.date ? { date: formatDate(r.params.date) } : undefined,
      })),
    );
}
