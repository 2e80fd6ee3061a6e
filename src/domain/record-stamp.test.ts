import { describe, expect, it } from 'vitest';
import { differingFields, recordChangedSince, recordStamp } from './record-stamp.js';

const FIELDS = ['name', 'phone', 'no_messages'] as const;

describe('record stamps', () => {
  it('are equal for equal fields, whatever else the record holds', () => {
    const a = recordStamp({ name: 'Jo', phone: '0161', no_messages: true, note: 'x' }, FIELDS);
    const b = recordStamp({ name: 'Jo', phone: '0161', no_messages: true, note: 'y' }, FIELDS);
    expect(a).toBe(b);
    expect(recordStamp({ name: 'Jo', phone: '0162', no_messages: true }, FIELDS)).not.toBe(a);
    // An empty field and a missing one are the same; a field's position matters.
    expect(recordStamp({ name: 'Jo', phone: '', no_messages: null }, FIELDS)).toBe(
      recordStamp({ name: 'Jo' }, FIELDS),
    );
    expect(recordStamp({ name: '0161', phone: 'Jo' }, FIELDS)).not.toBe(
      recordStamp({ name: 'Jo', phone: '0161' }, FIELDS),
    );
  });

  it('stop a save only when the record itself changed since the form was shown', () => {
    const shown = { name: 'Jo', phone: '0161' };
    const stamp = recordStamp(shown, FIELDS);
    expect(recordChangedSince(shown, FIELDS, stamp)).toBe(false);
    expect(recordChangedSince({ ...shown, phone: '0999' }, FIELDS, stamp)).toBe(true);
    // A form without a stamp (an API client) is not stopped.
    expect(recordChangedSince({ ...shown, phone: '0999' }, FIELDS, undefined)).toBe(false);
  });

  it('name the fields where the saved record and what was typed differ', () => {
    expect(
      differingFields({ name: 'Jo', phone: '0999' }, { name: 'Jo', phone: '0161' }, FIELDS),
    ).toEqual(['phone']);
  });
});
