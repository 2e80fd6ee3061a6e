import { describe, expect, it } from 'vitest';
import {
  combinedNotVia,
  methodsExcludedBy,
  safeContactBreaches,
  safeContactDecision,
  type SafeContactInstructions,
} from './safe-contact.js';

const none: SafeContactInstructions = {
  mayLeaveMessage: null,
  preferredContact: null,
  doNotContactVia: null,
};

describe('safe-contact instructions', () => {
  it('"no messages" refuses a message left', () => {
    expect(
      safeContactBreaches(
        { ...none, mayLeaveMessage: false },
        { method: 'phone', leftMessage: true },
      ),
    ).toEqual([{ instruction: 'no_messages' }]);
    expect(
      safeContactBreaches(
        { ...none, mayLeaveMessage: true },
        { method: 'phone', leftMessage: true },
      ),
    ).toEqual([]);
    expect(
      safeContactBreaches(
        { ...none, mayLeaveMessage: false },
        { method: 'phone', leftMessage: false },
      ),
    ).toEqual([]);
  });

  it('"not known" refuses a message left or a text, as the case page tells staff', () => {
    expect(safeContactBreaches(none, { method: 'phone', leftMessage: true })).toEqual([
      { instruction: 'messages_not_agreed' },
    ]);
    expect(safeContactBreaches(none, { method: 'text', leftMessage: false })).toEqual([
      { instruction: 'messages_not_agreed' },
    ]);
    expect(
      safeContactBreaches(
        { ...none, preferredContact: 'text' },
        { method: 'text', leftMessage: false },
      ),
    ).toEqual([]);
    expect(safeContactBreaches(none, { method: 'phone', leftMessage: false })).toEqual([]);
    expect(
      safeContactDecision(none, { method: 'phone', leftMessage: true }, 'She asked').allowed,
    ).toBe(true);
  });

  it('"no messages" refuses a text, unless texts are what the person asked for', () => {
    const noMessages = { ...none, mayLeaveMessage: false };
    expect(safeContactBreaches(noMessages, { method: 'text', leftMessage: false })).toHaveLength(1);
    expect(
      safeContactBreaches(
        { ...noMessages, preferredContact: 'text' },
        { method: 'text', leftMessage: false },
      ),
    ).toEqual([]);
  });

  it('"not by letter" refuses a letter, quoting the instruction', () => {
    expect(
      safeContactBreaches(
        { ...none, doNotContactVia: ' Not by letter ' },
        { method: 'letter', leftMessage: false },
      ),
    ).toEqual([{ instruction: 'not_via', method: 'letter', quote: 'Not by letter' }]);
  });

  it('reads the methods a "do not contact via" instruction names', () => {
    expect(methodsExcludedBy('not by letter')).toEqual(['letter']);
    expect(methodsExcludedBy('No post to the home address')).toEqual(['letter']);
    expect(methodsExcludedBy('no phone calls or texts')).toEqual(['phone', 'text']);
    expect(methodsExcludedBy('Email')).toEqual(['email']);
    expect(methodsExcludedBy('no home visits')).toEqual(['in_person']);
    expect(methodsExcludedBy('phone only, no letters')).toEqual(['letter']);
    expect(methodsExcludedBy(null)).toEqual([]);
    expect(methodsExcludedBy('Home landline')).toEqual([]);
  });

  it('an instruction about one phone leaves calls to the safe number alone', () => {
    expect(methodsExcludedBy('not the home phone')).toEqual(['phone']);
    expect(methodsExcludedBy('not the home phone', '07700 900123')).toEqual([]);
    expect(methodsExcludedBy('no phone calls', '07700 900123')).toEqual(['phone']);
  });

  it('"messages" named in the instruction is "no messages"', () => {
    expect(
      safeContactBreaches(
        { ...none, doNotContactVia: 'no voicemail' },
        { method: 'phone', leftMessage: true },
      ),
    ).toEqual([{ instruction: 'no_messages' }]);
  });

  it('is refused unless the practitioner records why it was safe', () => {
    const instructions = { ...none, mayLeaveMessage: false };
    const left = { method: 'phone' as const, leftMessage: true };
    expect(safeContactDecision(instructions, left, undefined)).toEqual({
      allowed: false,
      breaches: [{ instruction: 'no_messages' }],
    });
    expect(safeContactDecision(instructions, left, '   ')).toMatchObject({ allowed: false });
    expect(safeContactDecision(instructions, left, 'She asked us to, on her own phone')).toEqual({
      allowed: true,
      overridden: [{ instruction: 'no_messages' }],
    });
    expect(safeContactDecision({ ...none, mayLeaveMessage: true }, left, undefined)).toEqual({
      allowed: true,
      overridden: [],
    });
  });
});

describe('a person already known, referred again', () => {
  it('keeps every way they asked not to be contacted, the newest first', () => {
    expect(combinedNotVia('Email', 'Letters to the home address')).toBe(
      'Email; Letters to the home address',
    );
    expect(combinedNotVia('Email', null)).toBe('Email');
    expect(combinedNotVia('  ', 'Letters')).toBe('Letters');
    expect(combinedNotVia(undefined, undefined)).toBeNull();
    // Said again, or said again with more: once.
    expect(combinedNotVia('letters', 'Letters')).toBe('letters');
    expect(combinedNotVia('No letters or email', 'letters')).toBe('No letters or email');
    expect(combinedNotVia('email', 'No letters or email')).toBe('No letters or email');
  });

  it('reads each instruction joined on its own, so one does not lift another', () => {
    const joined = combinedNotVia('Email', 'Letters to the home address');
    expect(methodsExcludedBy(joined)).toEqual(['letter', 'email']);
    // "phone only" said once does not undo "no phone calls after 6pm" said later.
    expect(methodsExcludedBy(combinedNotVia('no phone calls after 6pm', 'phone only'))).toEqual([
      'phone',
    ]);
    // "home phone" in one part leaves a safe number alone only for that part.
    expect(
      methodsExcludedBy(combinedNotVia('no calls at all', 'Home phone'), '07700 900123'),
    ).toEqual(['phone']);
    expect(
      safeContactBreaches(
        { ...none, doNotContactVia: joined },
        { method: 'letter', leftMessage: false },
      ),
    ).toEqual([{ instruction: 'not_via', method: 'letter', quote: joined }]);
  });
});
