/** The site checker finds what it claims to find (run on a small fake site). */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function site(pages: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'site-'));
  for (const [path, body] of Object.entries(pages)) {
    const file = join(dir, path);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, `<!doctype html><html><body>${body}</body></html>`);
  }
  return dir;
}

function check(dir: string) {
  const r = spawnSync(process.execPath, ['scripts/check-site.mjs'], { env: { ...process.env, SITE_DIST: dir }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('check-site', () => {
  it('passes a clean site', () => {
    const dir = site({ 'index.html': '<p id="top"></p><a href="/a/#x">A</a>', 'a/index.html': '<h2 id="x">x</h2><a href="/#top">home</a>' });
    expect(check(dir).code).toBe(0);
  });

  it('reports broken links, missing anchors, orphans, missing alt, raw TeX and NaN', () => {
    const dir = site({
      'index.html': '<a href="/nope/">x</a><a href="/a/#missing">y</a><img src="/i.png"><p>$$x$$ and NaN here</p>',
      'a/index.html': '<p>a</p>',
      'orphan/index.html': '<p>alone</p>',
    });
    const { code, out } = check(dir);
    expect(code).toBe(1);
    expect(out).toContain('broken link /nope/');
    expect(out).toContain('missing anchor');
    expect(out).toContain('/orphan/: orphan page');
    expect(out).toContain('without alt');
    expect(out).toContain('unrendered TeX');
    expect(out).toContain('"NaN" shown to readers');
    expect(out).toContain('missing file /i.png');
  });
});
