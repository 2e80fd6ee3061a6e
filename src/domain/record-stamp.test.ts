import { describe, expect, it } from 'vitest';
import { differingFields, mergeChanges, recordChangedSince, recordStamp } from './record-stamp.js';

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

describe("merging two people's changes to one record", () => {
  const shown = { name: 'Jo', phone: '0161', no_messages: '' };
  /** What was shown, with some fields changed: by the person saving (typed) or the other. */
  const changed = (fields: Partial<typeof shown>) => ({ ...shown, ...fields });

  it("takes the other person's change where only they changed a field, and keeps what was typed", () => {
    const merged = mergeChanges(
      { shown, typed: changed({ name: 'Jo Smith' }), saved: changed({ phone: '07700' }) },
      FIELDS,
    );
    expect(merged).toEqual({
      values: { name: 'Jo Smith', phone: '07700', no_messages: '' },
      theirs: ['phone'],
      bothChanged: [],
    });
  });

  it('keeps what was typed where both changed a field differently, and names it', () => {
    const merged = mergeChanges(
      {
        shown,
        typed: changed({ phone: '0777' }),
        saved: changed({ phone: '07700', no_messages: 'yes' }),
      },
      FIELDS,
    );
    expect(merged.values).toEqual({ name: 'Jo', phone: '0777', no_messages: 'yes' });
    expect(merged.theirs).toEqual(['phone', 'no_messages']);
    expect(merged.bothChanged).toEqual(['phone']);
  });

  it('is no conflict where both made the same change', () => {
    const same = changed({ phone: '07700' });
    const merged = mergeChanges({ shown, typed: same, saved: same }, FIELDS);
    expect(merged).toEqual({ values: same, theirs: ['phone'], bothChanged: [] });
  });

  it('keeps everything typed, and names every difference, when it cannot tell what was shown', () => {
    const typed = shown;
    const merged = mergeChanges(
      { shown: undefined, typed, saved: changed({ phone: '07700' }) },
      FIELDS,
    );
    expect(merged).toEqual({ values: typed, theirs: ['phone'], bothChanged: ['phone'] });
  });
});
