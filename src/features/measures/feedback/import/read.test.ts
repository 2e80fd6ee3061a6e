import { describe, expect, it } from 'vitest';
import { readSatisfactionHeader, rowValues } from './read.js';

const questions = new Set(['prepared', 'recommend']);

describe('the satisfaction CSV header', () => {
  it('names columns in any order and case, reading past reason and empty columns', () => {
    const header = readSatisfactionHeader(
      [' Responded_On', 'reason', 'CASE_REFERENCE', 'participant_id', 'prepared', ''],
      questions,
    );
    expect(header.names).toEqual([
      'responded_on',
      null,
      'case_reference',
      'participant_id',
      'prepared',
      null,
    ]);
    expect(
      rowValues(header, { number: 2, values: ['01/11/2026', 'why', 'CS-1', 'p', '4', ''] }),
    ).toEqual({
      ok: true,
      values: {
        responded_on: '2026-11-01',
        case_reference: 'CS-1',
        participant_id: 'p',
        prepared: '4',
      },
      written: {
        responded_on: '01/11/2026',
        case_reference: 'CS-1',
        participant_id: 'p',
        prepared: '4',
      },
    });
    expect(
      rowValues(header, { number: 3, values: ['01/11/2026', '', 'CS-1', 'p', '4', 'x'] }),
    ).toMatchObject({
      ok: false,
      problems: [{ key: 'imports.reasons.unnamedColumn', params: { column: 6 } }],
    });
  });

  it('stops at an unknown, repeated or missing column', () => {
    const fails = (cells: string[]) => {
      try {
        readSatisfactionHeader(cells, questions);
      } catch (error) {
        return (
          (error as { messageKey: string; params: unknown }).messageKey +
          ' ' +
          JSON.stringify((error as { params: unknown }).params)
        );
      }
      return 'accepted';
    };
    expect(fails(['case_reference', 'participant_id', 'responded_on', 'colour'])).toBe(
      'feedback.import.errors.unknownColumns {"columns":"\\"colour\\""}',
    );
    expect(
      fails(['case_reference', 'participant_id', 'responded_on', 'prepared', 'Prepared']),
    ).toBe('imports.errors.repeatedColumn {"column":"prepared"}');
    expect(fails(['case_reference', 'prepared'])).toBe(
      'imports.errors.missingColumns {"columns":"participant_id, responded_on"}',
    );
  });
});
