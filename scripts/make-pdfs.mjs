// PDFs of every chapter and of the whole book, printed by headless Chromium from the
// built site (the print stylesheet: figures at their default state, solutions folded).
// Runs at the end of `npm run build`; writes dist/pdf/<slug>.pdf and dist/pdf/leverage-lab.pdf.
// Needs Chromium: /usr/bin/chromium or CHROME_PATH.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';

const DIST = 'dist';
const OUT = join(DIST, 'pdf');
const PORT = Number(process.env.PDF_PORT ?? 4399);
const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
if (!existsSync(chrome)) {
  console.error(`make-pdfs: Chromium not found at ${chrome}. Install it (apt-get install chromium) or set CHROME_PATH.`);
  process.exit(1);
}

const slugs = existsSync(join(DIST, 'chapters')) ? readdirSync(join(DIST, 'chapters')).filter((d) => existsSync(join(DIST, 'chapters', d, 'index.html'))) : [];
mkdirSync(OUT, { recursive: true });

const server = spawn('astro', ['preview', '--port', String(PORT), '--ignore-lock'], { stdio: 'ignore', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
const base = `http://localhost:${PORT}`;
try {
  for (let i = 0; ; i++) {
    try {
      await fetch(base + '/');
      break;
    } catch {
      if (i > 80) throw new Error('make-pdfs: the preview server did not start');
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const browser = await chromium.launch({ executablePath: chrome, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  const page = await browser.newPage();
  await page.emulateMedia({ media: 'print', colorScheme: 'light' });
  const pdfOptions = {
    format: 'A4',
    printBackground: true,
    margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#666">Leverage Lab · <span class="title"></span> · <span class="pageNumber"></span>/<span class="totalPages"></span></div>',
  };
  const order = [];
  async function print(path, file) {
    await page.goto(base + path, { waitUntil: 'networkidle' });
    await page.evaluate(() => document.fonts.ready);
    const bytes = await page.pdf(pdfOptions);
    writeFileSync(join(OUT, file), bytes);
    return bytes;
  }
  const cover = await print('/book/?print=1', 'contents.pdf');
  for (const slug of slugs) {
    const bytes = await print(`/chapters/${slug}/`, `${slug}.pdf`);
    const order_ = Number((await page.locator('.chapter-kicker').first().textContent())?.match(/\d+/)?.[0] ?? 99);
    order.push({ order: order_, bytes, slug });
  }
  await browser.close();
  order.sort((a, b) => a.order - b.order);
  const book = await PDFDocument.create();
  book.setTitle('Leverage Lab: an interactive textbook on leverage amplification effects');
  book.setAuthor('Leverage Lab authors');
  for (const part of [cover, ...order.map((o) => o.bytes)]) {
    const doc = await PDFDocument.load(part);
    for (const p of await book.copyPages(doc, doc.getPageIndices())) book.addPage(p);
  }
  writeFileSync(join(OUT, 'leverage-lab.pdf'), await book.save());
  console.log(`make-pdfs: ${order.length} chapter PDFs and the whole book (${book.getPageCount()} pages) in ${OUT}/`);
} finally {
  server.kill();
}
