// The event meter on its own: how it finds where an event ends (LF, CR, CRLF, split across chunks) and when one
// passes the limit.
import { describe, expect, it } from 'vitest';
import { EventMeter } from '../src/streaming/event-meter.js';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('EventMeter', () => {
  it.each([
    ['LF', 'data: 12345\n\n'],
    ['CRLF', 'data: 12345\r\n\r\n'],
    ['CR', 'data: 12345\r\r'],
  ])('counts each event afresh after a blank line (%s)', (_name, event) => {
    const meter = new EventMeter(11);
    for (let i = 0; i < 100; i++) expect(meter.add(bytes(event))).toBe(true);
  });

  it('adds up the lines of one event, line breaks not counted', () => {
    const meter = new EventMeter(20);
    expect(meter.add(bytes('data: 12345\r\n'))).toBe(true);
    expect(meter.add(bytes('data: 1234\r\n'))).toBe(false);
  });

  it('treats a CRLF split between two chunks as one line break, not an empty line', () => {
    const meter = new EventMeter(16);
    expect(meter.add(bytes('data: 1234\r'))).toBe(true);
    expect(meter.add(bytes('\ndata: 12'))).toBe(false);
  });

  it('stops a line with no end as soon as it passes the limit, in the chunk that passes it', () => {
    const meter = new EventMeter(1024);
    expect(meter.add(new Uint8Array(1024).fill(0x78))).toBe(true);
    expect(meter.add(new Uint8Array(1).fill(0x78))).toBe(false);
    const whole = new EventMeter(10);
    expect(whole.add(bytes('data: 0123456789\n\ndata: 1\n\n'))).toBe(false);
  });
});
