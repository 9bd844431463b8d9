/**
 * Site search with Pagefind: the index is built after `astro build` (`pagefind --site
 * dist`) and works offline; its script is loaded only when the reader opens search.
 * Open with the Search button, "/" or Ctrl/⌘-K; Escape closes.
 */
interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
  locations?: number[];
}
interface PagefindData {
  url: string;
  excerpt: string;
  meta: { title?: string };
  sub_results?: PagefindSubResult[];
}
interface Pagefind {
  options(o: Record<string, unknown>): Promise<void>;
  debouncedSearch(q: string, o?: unknown, ms?: number): Promise<{ results: { data(): Promise<PagefindData> }[] } | null>;
}

let pagefind: Promise<Pagefind> | null = null;

function loadPagefind(): Promise<Pagefind> {
  // A runtime URL, so the bundler leaves it alone: the file exists only in the built site.
  const url = '/pagefind/pagefind.js';
  pagefind ??= (import(/* @vite-ignore */ url) as Promise<Pagefind>).then(async (p) => {
    await p.options({ excerptLength: 24 });
    return p;
  });
  return pagefind;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Pagefind excerpts are escaped text with <mark> highlights; keep only those tags. */
export function safeExcerpt(html: string): string {
  return escapeHtml(html.replace(/<\/?mark>/g, '\u0001')).replace(/\u0001/g, (_, i: number, s: string) => {
    const before = s.slice(0, i).split('\u0001').length - 1;
    return before % 2 === 0 ? '<mark>' : '</mark>';
  });
}

/** The sub-result (section) with the most hits; ties go to the earlier section. */
export function bestSection<T extends { locations?: number[] }>(subs: T[]): T | undefined {
  let best: T | undefined;
  for (const s of subs) if (!best || (s.locations?.length ?? 0) > (best.locations?.length ?? 0)) best = s;
  return best;
}

export function initSearch(): void {
  const dialog = document.querySelector<HTMLDialogElement>('#search-dialog');
  const input = document.querySelector<HTMLInputElement>('#search-input');
  const list = document.querySelector<HTMLOListElement>('#search-results');
  const status = document.querySelector<HTMLElement>('#search-status');
  if (!dialog || !input || !list || !status) return;

  const open = () => {
    if (!dialog.open) dialog.showModal();
    input.focus();
    input.select();
    loadPagefind().catch(() => {
      status.textContent = 'Search is not available here: it is built with the site (npm run build, then npm run preview).';
    });
  };
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-search-open]')) b.addEventListener('click', open);
  document.querySelector('[data-search-close]')?.addEventListener('click', () => dialog.close());
  dialog.addEventListener('click', (e) => {
    if (e.target === dialog) dialog.close();
  });
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement | null;
    const typing = t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable);
    if ((e.key === '/' && !typing) || (e.key.toLowerCase() === 'k' && (e.metaKey || e.ctrlKey))) {
      e.preventDefault();
      open();
    }
  });

  // Escape closes the dialog even while the search field still holds text.
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      dialog.close();
    }
  });

  let seq = 0;
  input.addEventListener('input', async () => {
    const q = input.value.trim();
    const mine = ++seq;
    if (!q) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    let pf: Pagefind;
    try {
      pf = await loadPagefind();
    } catch {
      return;
    }
    const search = await pf.debouncedSearch(q, {}, 150);
    if (!search || mine !== seq) return;
    const data = await Promise.all(search.results.slice(0, 8).map((r) => r.data()));
    if (mine !== seq) return;
    list.replaceChildren(
      ...data.map((d) => {
        // The section with the most matching words, not the first section of the page.
        const sub = bestSection(d.sub_results ?? []);
        const li = document.createElement('li');
        const a = document.createElement('a');
        a.href = sub?.url ?? d.url;
        a.innerHTML = `<span class="search-title">${escapeHtml(d.meta.title ?? d.url)}</span>${
          sub && sub.title && sub.title !== d.meta.title ? `<span class="search-section">${escapeHtml(sub.title)}</span>` : ''
        }<span class="search-excerpt">${safeExcerpt(sub?.excerpt ?? d.excerpt)}</span>`;
        a.addEventListener('click', () => dialog.close());
        li.append(a);
        return li;
      }),
    );
    status.textContent = search.results.length
      ? `${search.results.length} result${search.results.length === 1 ? '' : 's'}${search.results.length > 8 ? ', showing the first 8' : ''}.`
      : 'No results.';
  });
}
