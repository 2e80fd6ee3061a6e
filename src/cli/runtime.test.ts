// Output into a closed pipe ends the command quietly; other output errors are not hidden.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { stopQuietlyWhenPipeCloses } from './runtime.js';

function fakeStream() {
  return new EventEmitter() as unknown as NodeJS.WriteStream;
}

describe('stopQuietlyWhenPipeCloses', () => {
  it('exits with 0 when the reader went away (EPIPE)', () => {
    const stream = fakeStream();
    const exits: number[] = [];
    stopQuietlyWhenPipeCloses(stream, ((code: number) => exits.push(code)) as never);
    stream.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(exits).toEqual([0]);
  });

  it('throws any other error on', () => {
    const stream = fakeStream();
    stopQuietlyWhenPipeCloses(stream, (() => undefined) as never);
    expect(() =>
      stream.emit('error', Object.assign(new Error('no space'), { code: 'ENOSPC' })),
    ).toThrow('no space');
  });
});
