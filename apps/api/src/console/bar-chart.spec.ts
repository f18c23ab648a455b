import { barChart } from './bar-chart';

describe('barChart', () => {
  it('draws one bar per figure, scaled to the largest, with its text beside it', () => {
    const svg = barChart('Cases by stage', [
      { label: 'Stage 1', value: 4, text: '4' },
      { label: 'Stage 2', value: 2, text: '2' },
    ]);
    const widths = [...svg.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([280, 140]);
    expect(svg).toContain('<title>Cases by stage</title>');
    expect(svg).toContain('role="img"');
  });

  it('escapes every text, since labels come from policies and cases', () => {
    const svg = barChart('<b>', [{ label: '<script>x</script>', value: 1, text: '"1"' }]);
    expect(svg).not.toContain('<script>');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&#60;script&#62;');
  });

  it('draws nothing past zero when every figure is zero', () => {
    const svg = barChart('None', [{ label: 'Stage 1', value: 0, text: '0' }]);
    expect(svg).toContain('width="0"');
  });
});
