import { collectCases, parseWhen } from './cases.mjs';

describe('case studies', () => {
  it('reads dates from free text', () => {
    expect(parseWhen('10–11 October 2025')).toEqual({ year: 2025, month: 10 });
    expect(parseWhen('September–October 2022')).toEqual({ year: 2022, month: 9 });
    expect(parseWhen('1998')).toEqual({ year: 1998, month: null });
    expect(parseWhen('May 2022 to July 2022')).toEqual({ year: 2022, month: 5 });
    expect(parseWhen('soon')).toBeNull();
  });

  it('collects boxes from chapters, sorted by date, and refuses duplicates or missing fields', () => {
    const cases = collectCases([
      { chapter: 3, slug: 'c', source: '<CaseStudy id="b" title="B" when="March 2022">x</CaseStudy>' },
      { chapter: 1, slug: 'a', source: '<CaseStudy id="a" title="A" when="10–11 October 2025">' },
      { chapter: 5, slug: 'e', source: '<CaseStudy id="c" title="C" when="1998">' },
    ]);
    expect(cases.map((c) => c.id)).toEqual(['c', 'b', 'a']);
    expect(cases[1]).toMatchObject({ slug: 'c', chapter: 3, year: 2022, month: 3 });
    expect(() => collectCases([{ chapter: 1, slug: 'a', source: '<CaseStudy id="a" title="A" when="2020"><CaseStudy id="a" title="A" when="2021">' }])).toThrow(/twice/);
    expect(() => collectCases([{ chapter: 1, slug: 'a', source: '<CaseStudy id="a" when="2020">' }])).toThrow(/needs id, title and when/);
  });
});
