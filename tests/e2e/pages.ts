import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every page of the built site, as URL paths ("/", "/chapters/leverage-loop/"). */
export function builtPages(dist = 'dist'): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name === '_astro' || name === 'pagefind') continue;
        walk(p);
      } else if (name === 'index.html') {
        out.push('/' + relative(dist, dir).split('\\').join('/') + (dir === dist ? '' : '/'));
      }
    }
  };
  walk(dist);
  return out.map((p) => p.replace(/^\/+/, '/')).sort();
}
