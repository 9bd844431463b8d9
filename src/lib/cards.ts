/**
 * Glossary and citation cards: CSS shows a card while its link is hovered or focused;
 * this adds what CSS cannot: Escape hides the card, and on touch screens the first
 * tap shows the card instead of following the link (the second tap follows it).
 */
export function initCards(): void {
  const closeAll = (except?: Element) => {
    for (const w of document.querySelectorAll('.card-wrap.open')) if (w !== except) w.classList.remove('open');
  };
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const wrap = (document.activeElement as HTMLElement | null)?.closest('.card-wrap');
    if (wrap) wrap.classList.add('dismissed');
    closeAll();
  });
  document.addEventListener('focusout', (e) => (e.target as HTMLElement).closest?.('.card-wrap')?.classList.remove('dismissed'));
  document.addEventListener('mouseout', (e) => {
    const wrap = (e.target as HTMLElement).closest?.('.card-wrap');
    if (wrap && !wrap.contains(e.relatedTarget as Node | null)) wrap.classList.remove('dismissed');
  });
  let lastPointer = '';
  document.addEventListener('pointerdown', (e) => {
    lastPointer = e.pointerType;
    if (!(e.target as HTMLElement).closest?.('.card-wrap')) closeAll();
  });
  document.addEventListener('click', (e) => {
    const link = (e.target as HTMLElement).closest?.('.card-wrap > a, .card-wrap > cite > a');
    if (!link || lastPointer !== 'touch') return;
    const wrap = link.closest('.card-wrap')!;
    if (!wrap.classList.contains('open')) {
      e.preventDefault();
      closeAll(wrap);
      wrap.classList.add('open');
    }
  });
}
