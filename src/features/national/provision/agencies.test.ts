import { describe, expect, it } from 'vitest';
import { chosenAgencies } from './routes.js';

describe('the agencies ticked on the survey settings', () => {
  it('reads one value or several, and nothing that is not text', () => {
    expect(chosenAgencies({ agencies: 'police' })).toEqual(['police']);
    expect(chosenAgencies({ agencies: ['police', 'probation', 3] })).toEqual([
      'police',
      'probation',
    ]);
    expect(chosenAgencies({})).toEqual([]);
    expect(chosenAgencies(undefined)).toEqual([]);
  });
});
