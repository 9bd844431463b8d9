/**
 * Content collections: everything authors write lives in the top-level `content/`
 * folder; the schemas here are the contract between authors and the site.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { readdir, readFile } from 'node:fs/promises';
import yaml from 'js-yaml';

const chapters = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './content/chapters' }),
  schema: z.object({
    title: z.string(),
    /** Short title for navigation. */
    short: z.string().optional(),
    /** Chapter number; orders the book. */
    order: z.number().int().positive(),
    /** URL segment: /chapters/<slug>/ */
    slug: z.string().regex(/^[a-z0-9-]+$/),
    summary: z.string(),
    objectives: z.array(z.string()).min(1),
    prerequisites: z.array(z.string()).default([]),
  }),
});

const glossary = defineCollection({
  loader: glob({ pattern: '*.md', base: './content/glossary' }),
  schema: z.object({
    term: z.string(),
    /** One-line definition shown on hover cards and in lists. */
    short: z.string(),
    related: z.array(z.string()).default([]),
    /** Chapter slugs that use the term. */
    chapters: z.array(z.string()).default([]),
    /** True for the ten terms of the source glossary. */
    seed: z.boolean().default(false),
  }),
});

/**
 * The bibliography is split into one YAML file per chapter (content/bibliography/*.yaml,
 * each a map from key to entry) so chapters can add works without editing one shared
 * file. A key defined twice fails the build.
 */
async function loadBibliography() {
  const dir = './content/bibliography';
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const entries: Record<string, unknown>[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    const data = yaml.load(await readFile(`${dir}/${f}`, 'utf8')) as Record<string, Record<string, unknown>> | null;
    for (const [id, entry] of Object.entries(data ?? {})) {
      if (seen.has(id)) throw new Error(`bibliography key "${id}" is defined in both ${seen.get(id)} and ${f}`);
      seen.set(id, f);
      entries.push({ id, ...entry });
    }
  }
  return entries as { id: string }[];
}

const bibliography = defineCollection({
  loader: loadBibliography,
  schema: z.object({
    authors: z.array(z.string()).min(1),
    /** Author label for citations when the author is an organisation ("SEC staff"). */
    label: z.string().optional(),
    year: z.number().int(),
    title: z.string(),
    venue: z.string(),
    volume: z.string().optional(),
    pages: z.string().optional(),
    doi: z.string().optional(),
    url: z.url().optional(),
    note: z.string().optional(),
  }),
});

export const collections = { chapters, glossary, bibliography };
