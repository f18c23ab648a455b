import { mergeDirectory } from './partnership-directory';

describe('mergeDirectory', () => {
  it('takes each role the directory names, even with no address, and the seed for the rest', () => {
    const seed = {
      nel: { businessManager: ['bm@nel.example.org'], chair: ['chair@nel.example.org'] },
      kirklees: { partnershipManager: ['pm@kirklees.example.org'] },
    };
    const directory = {
      nel: { businessManager: ['new.bm@nel.example.org'], chair: [] },
      islands: { businessManager: ['bm@islands.example.org'] },
    };
    expect(mergeDirectory(seed, directory)).toEqual({
      nel: { businessManager: ['new.bm@nel.example.org'], chair: [] },
      kirklees: { partnershipManager: ['pm@kirklees.example.org'] },
      islands: { businessManager: ['bm@islands.example.org'] },
    });
  });
});
