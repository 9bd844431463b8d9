// Interaction latency: from a slider input to the updated figure, for every widget at its
// default size, measured in headless Chromium with the Performance API on the widget's
// lab page. Reports median and 95th percentile per widget (budget: p95 < 50 ms).
// Usage: [WIDGETS=a,b] node scripts/interaction-latency.mjs [baseUrl]   (serves dist/ itself when no URL is given)
import { spawn } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

let [base] = process.argv.slice(2);
let server = null;
if (!base) {
  base = 'http://localhost:4338';
  server = spawn('astro', ['preview', '--port', '4338', '--ignore-lock'], { stdio: 'ignore', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  for (let i = 0; i < 80; i++) {
    try { await fetch(base + '/'); break; } catch { await new Promise((r) => setTimeout(r, 250)); }
  }
}
const only = (process.env.WIDGETS ?? '').split(',').filter(Boolean); // WIDGETS=fire-sale,network: measure just these
const widgets = (existsSync('dist/lab') ? readdirSync('dist/lab').filter((d) => existsSync(`dist/lab/${d}/index.html`)) : []).filter((d) => !only.length || only.includes(d));
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const SAMPLES = 30;
const rows = [];
for (const id of widgets) {
  await page.goto(`${base}/lab/${id}/`, { waitUntil: 'networkidle' });
  await page.locator(`[data-widget="${id}"][data-hydrated="true"]`).first().waitFor();
  const times = await page.evaluate(async (samples) => {
    const root = document.querySelector('[data-widget]');
    const slider = root?.querySelector('input[type=range]');
    const frame = root?.querySelector('.plot-frame');
    if (!slider || !frame) return [];
    const min = Number(slider.min), max = Number(slider.max), step = Number(slider.step) || (max - min) / 100;
    const out = [];
    for (let i = 0; i < samples + 3; i++) {
      // Alternate between two neighbouring values so every input changes the figure.
      const v = Number(slider.value) + (i % 2 === 0 ? step : -step);
      const next = Math.min(max, Math.max(min, v === Number(slider.value) ? v - step : v));
      const changed = new Promise((resolve) => {
        const obs = new MutationObserver(() => { obs.disconnect(); resolve(undefined); });
        obs.observe(frame, { childList: true, subtree: true, attributes: true });
      });
      const t0 = performance.now();
      slider.value = String(next);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await changed;
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      const dt = performance.now() - t0;
      if (i >= 3) out.push(dt); // the first inputs also load Plot: not interaction latency
    }
    return out;
  }, SAMPLES);
  if (!times.length) continue;
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  rows.push({ id, median: q(0.5), p95: q(0.95) });
}
await browser.close();
server?.kill();
console.log('Interaction latency, slider input → figure redrawn and painted (ms):');
for (const r of rows) console.log(`  ${r.id.padEnd(24)} median ${r.median.toFixed(1).padStart(6)}   p95 ${r.p95.toFixed(1).padStart(6)}   ${r.p95 < 50 ? 'within budget' : 'OVER BUDGET (50 ms)'}`);
