import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addressBlock, checkPostcode, postalAddressOf } from './postal-address.js';

describe('UK postcodes', () => {
  it.each([
    ['SW1A 1AA', 'SW1A 1AA'],
    ['sw1a1aa', 'SW1A 1AA'],
    [' m1  1ae ', 'M1 1AE'],
    ['B33 8TH', 'B33 8TH'],
    ['CR2 6XH', 'CR2 6XH'],
    ['DN55 1PT', 'DN55 1PT'],
    ['W1A 0AX', 'W1A 0AX'],
    ['EC1A 1BB', 'EC1A 1BB'],
    ['CF10 1EP', 'CF10 1EP'],
    ['GIR 0AA', 'GIR 0AA'],
  ])('takes %s as %s', (typed, stored) => {
    expect(checkPostcode(typed)).toEqual({ postcode: stored });
  });

  it.each(['SW1A', '1AA', 'SW1A 1A', 'SW1A 1AAA', 'Q1 1AA', 'SW1A 1CA', '12345', 'AAAA 1AA'])(
    'refuses %s as not a full postcode',
    (typed) => {
      expect(checkPostcode(typed)).toEqual({ problem: 'format' });
    },
  );

  it('says when the postcode has characters no postcode has', () => {
    expect(checkPostcode('SW1A-1AA')).toEqual({ problem: 'characters' });
    expect(checkPostcode('SW1A 1A!')).toEqual({ problem: 'characters' });
  });

  it('keeps what it takes in one form, and takes that form back unchanged', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 10 }), (typed) => {
        const checked = checkPostcode(typed);
        if ('postcode' in checked) {
          expect(checked.postcode).toMatch(/^[A-Z0-9]{2,4} [0-9][A-Z]{2}$/);
          expect(checkPostcode(checked.postcode)).toEqual(checked);
        }
      }),
    );
  });
});

describe('the address block', () => {
  const row = {
    address_line_1: '12 Acacia Avenue',
    address_line_2: null,
    address_town: 'Portsmouth',
    address_postcode: 'PO1 2AB',
  };

  it('is the name, the street, the town in capitals and the postcode on its own line', () => {
    expect(addressBlock('Jo Bloggs', postalAddressOf(row)!)).toEqual([
      'Jo Bloggs',
      '12 Acacia Avenue',
      'PORTSMOUTH',
      'PO1 2AB',
    ]);
    expect(
      addressBlock('Jo Bloggs', postalAddressOf({ ...row, address_line_2: 'Southsea' })!),
    ).toEqual(['Jo Bloggs', '12 Acacia Avenue', 'Southsea', 'PORTSMOUTH', 'PO1 2AB']);
  });

  it('is no address when a required part is missing', () => {
    expect(postalAddressOf({ ...row, address_town: null })).toBeNull();
    expect(postalAddressOf({ ...row, address_postcode: null })).toBeNull();
    expect(
      postalAddressOf({
        address_line_1: null,
        address_line_2: null,
        address_town: null,
        address_postcode: null,
      }),
    ).toBeNull();
  });
});
