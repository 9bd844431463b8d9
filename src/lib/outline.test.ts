import { outline, prevNext } from './outline';

describe('outline', () => {
  it('has six chapters in order with unique slugs', () => {
    expect(outline.map((c) => c.order)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(outline.map((c) => c.slug)).size).toBe(6);
  });
  it('prevNext skips unwritten chapters and stops at the ends', () => {
    const written = [
      { slug: 'a', title: 'A', order: 1 },
      { slug: 'c', title: 'C', order: 3 },
      { slug: 'b', title: 'B', order: 2 },
    ];
    expect(prevNext(written, 'a')).toEqual({ prev: null, next: { href: '/chapters/b/', title: 'B', order: 2 } });
    expect(prevNext(written, 'c').next).toBeNull();
    expect(prevNext(written, 'b').prev?.title).toBe('A');
    expect(prevNext(written, 'zzz')).toEqual({ prev: null, next: null });
  });
});
