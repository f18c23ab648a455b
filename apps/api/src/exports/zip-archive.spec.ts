import { crc32, zipArchive } from './zip-archive';
import { readZip } from './zip-reader.testing';

describe('zipArchive', () => {
  it('computes the CRC-32 zip uses (the check value of "123456789")', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('writes entries an unzipper reads back byte for byte, names in UTF-8', () => {
    const entries = [
      { path: 'case.json', content: Buffer.from('{"ref":"NEL-2026-0001"}') },
      { path: 'messages/001 Zoë.eml', content: Buffer.from('Subject: x\r\n\r\n'.repeat(500)) },
      { path: 'empty.txt', content: Buffer.alloc(0) },
    ];
    const files = readZip(zipArchive(entries, new Date('2026-12-06T10:00:00Z')));
    expect([...files.keys()]).toEqual(entries.map((entry) => entry.path));
    for (const entry of entries) expect(files.get(entry.path)!.equals(entry.content)).toBe(true);
  });
});
