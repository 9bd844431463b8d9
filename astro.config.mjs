// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import svelte from '@astrojs/svelte';
import { satteri } from '@astrojs/markdown-satteri';
import { katexMathPlugin } from './src/plugins/katex-math.mjs';
import { widgetDefaults } from './src/lib/widget-catalog.ts';
import { cspConfig } from './src/plugins/csp.mjs';

const site = process.env.SITE_URL ?? 'https://leverage-lab.example.org';

export default defineConfig({
  site,
  trailingSlash: 'always',
  security: { csp: cspConfig() },
  // Every stylesheet inline (~12 KB gz a page): no render-blocking requests before the first paint
  // (Lighthouse estimated 750 ms on a throttled phone for a chapter's seven small stylesheets).
  // Astro hashes inline styles into the CSP.
  build: { inlineStylesheets: 'always' },
  markdown: {
    // No code blocks need colour; Shiki's inline styles would also fight the CSP.
    syntaxHighlight: false,
    processor: satteri({
      // Math only between double dollars; a single $ is currency (see src/plugins/katex-math.mjs).
      features: { math: { singleDollarTextMath: false }, smartPunctuation: true },
      mdastPlugins: [katexMathPlugin({ chaptersDir: './content/chapters', widgetDefaults })],
    }),
  },
  integrations: [mdx(), svelte()],
  vite: {
    build: { assetsInlineLimit: 0 },
    worker: { format: 'es' },
  },
});
