/**
 * Shared chart conventions. Colours are CSS custom properties defined in the site
 * stylesheet for light and dark themes (Okabe–Ito palette, safe for the common
 * colour-vision deficiencies), so a figure drawn at build time follows the reader's
 * theme without being redrawn.
 */
export const palette = {
  blue: 'var(--c-blue)',
  orange: 'var(--c-orange)',
  green: 'var(--c-green)',
  vermillion: 'var(--c-vermillion)',
  purple: 'var(--c-purple)',
  sky: 'var(--c-sky)',
  yellow: 'var(--c-yellow)',
  ink: 'currentColor',
  muted: 'var(--c-muted)',
  danger: 'var(--c-danger-fill)',
} as const;

/** Base options for every plot: width fixed so the build-time SVG scales with CSS. */
export function baseOptions(doc: Document, width = 640, height = 320) {
  return {
    document: doc,
    width,
    height,
    marginLeft: 56,
    marginBottom: 44,
    marginRight: 20,
    marginTop: 24,
  };
}

/** Format a fraction as a percentage with sensible precision. */
export function pct(x: number, digits = 1): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '–';
  return `${(x * 100).toFixed(digits)} %`;
}

/** Format a number with up to `digits` significant digits. */
export function num(x: number, digits = 3): string {
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '–';
  return Number.parseFloat(x.toPrecision(digits)).toLocaleString('en-US');
}
