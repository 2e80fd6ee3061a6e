import { describe, expect, it } from 'vitest';
import { presentChart } from './charts.js';

describe('presentChart', () => {
  it('gives a JSON data block that a label cannot close or break out of', () => {
    const label = '</script><img src=x onerror=alert(1)>';
    const { json } = presentChart({
      id: 'c',
      kind: 'bar',
      title: 'Referrals',
      labels: [label],
      series: [{ label: 'Cases', values: [3] }],
      labelHeading: 'Category',
    });
    expect(json).not.toContain('<');
    expect(JSON.parse(json).labels).toEqual([label]);
  });
});
