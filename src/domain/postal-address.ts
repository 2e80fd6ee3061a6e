// A UK postal address, as a letter's address block needs it. The postcode is checked for its
// shape (outward code, a space, inward code: "SW1A 1AA"), not looked up: a real-looking postcode
// that does not exist is the practitioner's to notice, and no list of postcodes is kept here.
// Stored as the form shows it: capitals, one space before the inward code.

export interface PostalAddress {
  line1: string;
  line2: string | null;
  town: string;
  postcode: string;
}

/** Why a postcode was not taken, each with its own message. */
export type PostcodeProblem = 'characters' | 'format';

// Outward code: A9, A99, A9A, AA9, AA99, AA9A; inward code: 9AA. The inward code never uses
// C, I, K, M, O or V; GIR 0AA is Girobank's, still in use.
const OUTWARD =
  /^(GIR|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPSTUW]|[A-HK-Y][0-9][ABEHMNPRVWXY]))$/;
const INWARD = /^[0-9][ABD-HJLNP-UW-Z]{2}$/;

/** The postcode in its stored form ("sw1a1aa" → "SW1A 1AA"), or why it is not one. */
export function checkPostcode(text: string): { postcode: string } | { problem: PostcodeProblem } {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z0-9]*$/.test(compact)) return { problem: 'characters' };
  if (compact.length < 5 || compact.length > 7) return { problem: 'format' };
  const outward = compact.slice(0, -3);
  const inward = compact.slice(-3);
  if (compact === 'GIR0AA') return { postcode: 'GIR 0AA' };
  if (!OUTWARD.test(outward) || outward === 'GIR' || !INWARD.test(inward))
    return { problem: 'format' };
  return { postcode: `${outward} ${inward}` };
}

/** A stored address, or none when it is not whole (a letter needs every required part). */
export function postalAddressOf(row: {
  address_line_1: string | null;
  address_line_2: string | null;
  address_town: string | null;
  address_postcode: string | null;
}): PostalAddress | null {
  if (!row.address_line_1 || !row.address_town || !row.address_postcode) return null;
  return {
    line1: row.address_line_1,
    line2: row.address_line_2,
    town: row.address_town,
    postcode: row.address_postcode,
  };
}

/**
 * The address block of a letter, one line each: the name, the street lines, the town in
 * capitals and the postcode on a line of its own (Royal Mail's advice for machine sorting).
 */
export function addressBlock(name: string, address: PostalAddress): string[] {
  return [name, address.line1, address.line2, address.town.toUpperCase(), address.postcode]
    .map((line) => (line ?? '').trim())
    .filter((line) => line !== '');
}
