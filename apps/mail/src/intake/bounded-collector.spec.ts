import { BoundedCollector } from './bounded-collector';

const bytes = (length: number, fill = 0x61) => Buffer.alloc(length, fill);

describe('BoundedCollector', () => {
  it('gives back a message within the limit byte for byte', () => {
    const collector = new BoundedCollector(10);
    collector.add(Buffer.from('hello '));
    collector.add(Buffer.from('you!'));
    expect(collector.overLimit).toBe(false);
    expect(collector.message()).toEqual(Buffer.from('hello you!'));
    expect(collector.peakKeptBytes).toBe(10);
  });

  it('takes a message of exactly the limit and refuses one byte more', () => {
    const exact = new BoundedCollector(8);
    exact.add(bytes(8));
    expect(exact.message()).toEqual(bytes(8));
    const over = new BoundedCollector(8);
    over.add(bytes(8));
    over.add(bytes(1));
    expect(over.overLimit).toBe(true);
    expect(over.message()).toBeNull();
  });

  it('never holds more than the limit, however much is sent, and counts it all', () => {
    const limit = 64 * 1024;
    const collector = new BoundedCollector(limit);
    const chunk = bytes(16 * 1024);
    // 50 MB through it, the same chunk object over and over: only the collector could hold it.
    for (let sent = 0; sent < 50 * 1024 * 1024; sent += chunk.length) collector.add(chunk);
    expect(collector.bytes).toBe(50 * 1024 * 1024);
    expect(collector.peakKeptBytes).toBeLessThanOrEqual(limit);
    expect(collector.message()).toBeNull();
  });

  it('lets go of what it held once a chunk crosses the limit', () => {
    const collector = new BoundedCollector(100);
    collector.add(bytes(60));
    collector.add(bytes(60));
    expect(collector.overLimit).toBe(true);
    expect(collector.peakKeptBytes).toBe(60);
    expect(collector.heldBytes).toBe(0);
  });
});
