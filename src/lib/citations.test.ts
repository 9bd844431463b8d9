import { authorLabel, citeLabel, fullReference, entryLink } from './citations';

describe('citations', () => {
  const e = { authors: ['Tobias Adrian', 'Hyun Song Shin'], year: 2010, title: 'Liquidity and leverage', venue: 'Journal of Financial Intermediation', volume: '19(3)', pages: '418–437' };
  it('formats author labels for one, two and many authors', () => {
    expect(authorLabel(['Mark Granovetter'])).toBe('Granovetter');
    expect(authorLabel(e.authors)).toBe('Adrian & Shin');
    expect(authorLabel(['A B', 'C D', 'E F'])).toBe('B et al.');
  });
  it('formats citations and references', () => {
    expect(citeLabel(e)).toBe('Adrian & Shin (2010)');
    expect(citeLabel(e, 'parenthetical')).toBe('Adrian & Shin, 2010');
    expect(fullReference(e)).toBe('Tobias Adrian and Hyun Song Shin (2010). Liquidity and leverage. Journal of Financial Intermediation, 19(3), 418–437.');
    expect(entryLink({ ...e, doi: '10.1/x' })).toBe('https://doi.org/10.1/x');
    expect(entryLink(e)).toBeNull();
    expect(citeLabel({ ...e, authors: ['U.S. Securities and Exchange Commission staff'], label: 'SEC staff' })).toBe('SEC staff (2010)');
  });
});
