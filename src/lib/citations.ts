/**
 * Author–year citation labels from bibliography entries: "Adrian & Shin (2010)",
 * "Brunnermeier et al. (2009)". Pure, so the build and the tests share it.
 */
export interface BibEntry {
  authors: string[];
  label?: string;
  year: number;
  title: string;
  venue: string;
  volume?: string;
  pages?: string;
  doi?: string;
  url?: string;
}

function surname(name: string): string {
  const parts = name.trim().split(/\s+/);
  return parts[parts.length - 1] ?? name;
}

export function authorLabel(authors: string[]): string {
  if (authors.length === 0) return 'Anon.';
  if (authors.length === 1) return surname(authors[0]!);
  if (authors.length === 2) return `${surname(authors[0]!)} & ${surname(authors[1]!)}`;
  return `${surname(authors[0]!)} et al.`;
}

export function citeLabel(e: BibEntry, form: 'parenthetical' | 'narrative' = 'narrative'): string {
  const who = e.label ?? authorLabel(e.authors);
  return form === 'narrative' ? `${who} (${e.year})` : `${who}, ${e.year}`;
}

export function fullReference(e: BibEntry): string {
  const authors = e.authors.length > 1 ? `${e.authors.slice(0, -1).join(', ')} and ${e.authors.at(-1)}` : e.authors[0];
  const where = [e.venue, e.volume, e.pages].filter(Boolean).join(', ');
  return `${authors} (${e.year}). ${e.title}. ${where}.`;
}

export function entryLink(e: BibEntry): string | null {
  if (e.doi) return `https://doi.org/${e.doi}`;
  return e.url ?? null;
}
