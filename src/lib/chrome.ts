/**
 * Small progressive enhancements for the page frame: the theme switch (follows the
 * system until the reader chooses, then remembers the choice) and the contents
 * drawer on narrow screens. Everything works without this script; it only adds.
 */
const THEME_KEY = 'll-theme';
type Choice = 'system' | 'light' | 'dark';

function systemDark(): boolean {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

function applyTheme(choice: Choice): void {
  const d = document.documentElement;
  d.dataset.themePref = choice;
  d.dataset.theme = choice === 'system' ? (systemDark() ? 'dark' : 'light') : choice;
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-theme-choice]')) {
    b.setAttribute('aria-pressed', String(b.dataset.themeChoice === choice));
  }
}

function storedChoice(): Choice {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
}

export function initChrome(): void {
  applyTheme(storedChoice());
  for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-theme-choice]')) {
    b.addEventListener('click', () => {
      const choice = (b.dataset.themeChoice as Choice) ?? 'system';
      try {
        if (choice === 'system') localStorage.removeItem(THEME_KEY);
        else localStorage.setItem(THEME_KEY, choice);
      } catch {
        /* storage may be disabled; the choice still applies to this page */
      }
      applyTheme(choice);
    });
  }
  window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (storedChoice() === 'system') applyTheme('system');
  });

  const toggle = document.querySelector<HTMLButtonElement>('[data-nav-toggle]');
  const root = document.getElementById('page-root');
  if (toggle && root) {
    toggle.addEventListener('click', () => {
      const open = toggle.getAttribute('aria-expanded') !== 'true';
      toggle.setAttribute('aria-expanded', String(open));
      if (open) root.setAttribute('data-nav-open', '');
      else root.removeAttribute('data-nav-open');
    });
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && toggle.getAttribute('aria-expanded') === 'true') {
        toggle.click();
        toggle.focus();
      }
    });
  }
}
