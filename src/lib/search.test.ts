import { safeExcerpt, bestSection } from './search';

describe('search excerpts', () => {
  it('keeps <mark> highlights and escapes everything else', () => {
    expect(safeExcerpt('a <mark>loop</mark> gain')).toBe('a <mark>loop</mark> gain');
    expect(safeExcerpt('<img src=x onerror=alert(1)> <mark>x</mark>')).toBe('&lt;img src=x onerror=alert(1)&gt; <mark>x</mark>');
    expect(safeExcerpt('"quoted" & <b>bold</b>')).toBe('&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
  });
});

describe('bestSection', () => {
  it('picks the section with the most hits, earlier on ties', () => {
    expect(bestSection([{ id: 'a', locations: [1] }, { id: 'b', locations: [5, 6, 7] }, { id: 'c', locations: [9, 10, 11] }])?.id).toBe('b');
    expect(bestSection([])).toBeUndefined();
  });
});
