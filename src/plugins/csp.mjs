// @ts-check
/**
 * Content Security Policy for the static site (Astro's security.csp, a <meta> tag).
 * Astro hashes the scripts and styles it emits; the allowances this stack needs are:
 * - Observable Plot's <style> element inside each SVG: its text is constant for a Plot
 *   version, so its hash is computed here by drawing a tiny plot at build time;
 * - style attributes (KaTeX positions glyphs with them, figures reserve their height):
 *   `style-src-attr 'unsafe-inline'`; style attributes cannot run script;
 * - Pagefind's WebAssembly: `'wasm-unsafe-eval'`;
 * - the engine Web Worker: `worker-src 'self'`.
 * Everything else is same-origin only; no third party is ever contacted.
 */
import { createHash } from 'node:crypto';
import { parseHTML } from 'linkedom';
import * as Plot from '@observablehq/plot';

export function plotStyleHash() {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const svg = Plot.plot({ document: /** @type {any} */ (document), marks: [Plot.ruleY([0])] });
  const style = svg.querySelector('style');
  if (!style) throw new Error('csp: Plot drew no <style> element; check the Plot version');
  return `sha256-${createHash('sha256').update(style.textContent ?? '').digest('base64')}`;
}

/** @returns {NonNullable<import('astro').AstroUserConfig['security']>['csp']} */
export function cspConfig() {
  return {
    algorithm: 'SHA-256',
    directives: [
      "default-src 'self'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      "connect-src 'self'",
      "worker-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "manifest-src 'self'",
    ],
    scriptDirective: {
      resources: ["'self'", "'wasm-unsafe-eval'"],
    },
    styleDirective: {
      resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }],
      hashes: [/** @type {`sha256-${string}`} */ (plotStyleHash())],
    },
  };
}
