/**
 * The engine must run unchanged in Node, browsers and Web Workers: no DOM, no
 * framework, no Node built-ins, no clock or Math.random (randomness is seeded).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.ts$/.test(n) && !/\.(test|bench)\.ts$/.test(n) ? [p] : [];
  });
}

const forbidden: [RegExp, string][] = [
  [/from ['"](node:|fs|path|os|child_process|svelte|astro|@observablehq)/, 'imports a Node, framework or plotting module'],
  [/\b(window|document|localStorage|navigator)\s*\./, 'touches the DOM'],
  [/\bprocess\.(env|argv|exit)/, 'reads the Node process'],
  [/Math\.random\s*\(/, 'uses unseeded randomness'],
  [/\bDate\.now\s*\(|new Date\s*\(/, 'reads the clock'],
];

describe('engine purity', () => {
  const files = sources('engine');
  it('has model files to check', () => expect(files.length).toBeGreaterThan(5));
  for (const f of files) {
    it(f, () => {
      const text = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      const problems = forbidden.filter(([re]) => re.test(text)).map(([, why]) => why);
      expect(problems).toEqual([]);
    });
  }
});
