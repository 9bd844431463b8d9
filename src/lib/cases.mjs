// @ts-check
/**
 * The case-study collection, gathered from the chapters themselves: every
 * <CaseStudy id="…" title="…" when="…"> box in a chapter file becomes an entry of the
 * /cases/ page and its timeline. Dates are read from `when` ("10–11 October 2025",
 * "September–October 2022", "1998"): the first month named and the last year.
 */
import { readChapters } from './crossref.mjs';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * @param {string} when
 * @returns {{ year: number, month: number | null } | null}
 */
export function parseWhen(when) {
  const years = [...when.matchAll(/\b(19|20)\d{2}\b/g)].map((m) => Number(m[0]));
  if (!years.length) return null;
  const lower = when.toLowerCase();
  const idx = MONTHS.map((m) => lower.indexOf(m)).map((i, k) => ({ i, k })).filter((x) => x.i >= 0).sort((a, b) => a.i - b.i);
  const year = years[years.length - 1] ?? 0;
  const first = idx[0];
  return { year, month: first ? first.k + 1 : null };
}

/**
 * @typedef {{ id: string, title: string, when: string, chapter: number, slug: string, year: number, month: number | null }} CaseEntry
 * @param {{ chapter: number, slug: string, source: string }[]} chapters
 * @returns {CaseEntry[]} sorted by date
 */
export function collectCases(chapters) {
  /** @type {CaseEntry[]} */
  const out = [];
  const seen = new Set();
  for (const ch of chapters) {
    for (const m of ch.source.matchAll(/<CaseStudy\b([^>]*)>/g)) {
      const attrs = m[1] ?? '';
      /** @param {string} name */
      const attr = (name) => attrs.match(new RegExp(`\\b${name}="([^"]*)"`))?.[1];
      const id = attr('id');
      const title = attr('title');
      const when = attr('when');
      if (!id || !title || !when) throw new Error(`<CaseStudy> in chapter ${ch.chapter} needs id, title and when`);
      if (seen.has(id)) throw new Error(`case study id "${id}" is used twice`);
      seen.add(id);
      const date = parseWhen(when);
      if (!date) throw new Error(`case study "${id}": no year in when="${when}"`);
      out.push({ id, title, when, chapter: ch.chapter, slug: ch.slug, year: date.year, month: date.month });
    }
  }
  return out.sort((a, b) => a.year - b.year || (a.month ?? 0) - (b.month ?? 0) || a.chapter - b.chapter);
}

/** All cases in the book's chapter files. */
export function bookCases(dir = './content/chapters') {
  return collectCases(readChapters(dir));
}
