/**
 * Chart colours stay readable in both themes: every palette colour has at least 3:1
 * contrast with the widget background (WCAG 2.1, 1.4.11 non-text contrast), and body
 * text at least 4.5:1 (1.4.3). Values are read from the stylesheet itself, so a colour
 * changed there is checked here.
 */
import { readFileSync } from 'node:fs';

const css = readFileSync('src/styles/book.css', 'utf8');

function block(selector: string): Record<string, string> {
  const i = css.indexOf(`${selector} {`);
  if (i < 0) throw new Error(`no block for ${selector}`);
  const body = css.slice(css.indexOf('{', i) + 1, css.indexOf('}', i));
  return Object.fromEntries([...body.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})/g)].map((m) => [m[1]!, m[2]!]));
}

function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
}

export function contrast(a: string, b: string): number {
  const [l1, l2] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (l1! + 0.05) / (l2! + 0.05);
}

const themes = { light: block(':root'), dark: block(":root[data-theme='dark']") };
const chartColours = ['c-blue', 'c-orange', 'c-green', 'c-vermillion', 'c-purple', 'c-sky', 'c-yellow', 'c-muted'];

describe('palette contrast', () => {
  it('the contrast formula matches WCAG reference values', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const [name, vars] of Object.entries(themes)) {
    it(`${name}: every chart colour has ≥ 3:1 contrast with the widget and page backgrounds`, () => {
      for (const c of chartColours) {
        for (const bg of ['bg-raised', 'bg']) {
          expect(contrast(vars[c]!, vars[bg]!), `${c} on ${bg}`).toBeGreaterThanOrEqual(3);
        }
      }
    });
    it(`${name}: body text, muted text and links have ≥ 4.5:1 contrast`, () => {
      for (const fg of ['ink', 'ink-soft', 'c-muted', 'accent']) {
        expect(contrast(vars[fg]!, vars.bg!), fg).toBeGreaterThanOrEqual(4.5);
      }
    });
  }

  it('the dark theme repeats the same variables in its prefers-color-scheme block', () => {
    const mq = css.slice(css.indexOf("@media (prefers-color-scheme: dark)"));
    const auto = Object.fromEntries([...mq.slice(0, mq.indexOf('}\n}')).matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})/g)].map((m) => [m[1]!, m[2]!]));
    expect(auto).toEqual(themes.dark);
  });
});
