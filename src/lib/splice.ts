/**
 * SPLICE messages for embedded exercises and widgets (a page in an iframe inside an
 * LMS, Runestone or any host that speaks the protocol).
 *
 * Message shapes, as documented in the header comment of the SPLICE reference client
 * `splice-iframe.js` (cssplice.org/slcp/splice-iframe.js; C. Horstmann's copy at
 * horstmann.com/codecheck/splice/splice-iframe.js, also used by OpenDSA), and in
 * Runestone's own SPLICE shim, which sends `SPLICE.getState` without a message_id
 * and reads `event.data.state` from the response:
 *   child → parent  { subject: 'SPLICE.reportScoreAndState', message_id, score (0..1), state: { location: state, … } }
 *   child → parent  { subject: 'SPLICE.getState', message_id }
 *   parent → child  { subject: 'SPLICE.getState.response', message_id, state: { location: state, … }, error? }
 *   child → parent  { subject: 'lti.frameResize', message_id, height }
 * The reference client reports the average of its locations' scores with the map of
 * their states; we do the same, and add `location` for hosts that key on one item.
 */

export const SPLICE_REPORT = 'SPLICE.reportScoreAndState';
export const SPLICE_GET = 'SPLICE.getState';
export const SPLICE_GET_RESPONSE = 'SPLICE.getState.response';
export const FRAME_RESIZE = 'lti.frameResize';

type StateMap = Record<string, unknown>;

const scores: Record<string, number> = {};
const states: StateMap = {};
let restored: StateMap | null | undefined; // undefined: not asked yet; null: asked, no answer yet
const restoreCallbacks: { location: string; cb: (state: unknown) => void }[] = [];
let listening = false;
let pendingId = '';

function uuid(): string {
  try {
    return crypto.randomUUID();
  } catch {
    return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  }
}

function parentWindow(): Window | null {
  if (typeof window === 'undefined') return null;
  return window.parent && window.parent !== window ? window.parent : null;
}

/** True on a page opened with `?embed=1` (the minimal layout for iframes). */
export function isEmbedded(search: string = typeof location === 'undefined' ? '' : location.search): boolean {
  return new URLSearchParams(search).get('embed') === '1';
}

function post(message: Record<string, unknown>): void {
  const parent = parentWindow();
  if (!parent) return;
  try {
    // The host's origin is unknown to a static page that anyone may embed; the messages carry no secrets.
    parent.postMessage(message, '*');
  } catch {
    /* a state that cannot be cloned is not reported */
  }
}

/** Report one location's score (0..1) and state; the host receives the average score and every location's state. */
export function reportScoreAndState(location: string, score: number, state: unknown): void {
  scores[location] = Math.min(1, Math.max(0, Number.isFinite(score) ? score : 0));
  states[location] = state;
  const keys = Object.keys(scores);
  const average = keys.reduce((s, k) => s + scores[k]!, 0) / keys.length;
  post({ subject: SPLICE_REPORT, message_id: uuid(), location, score: average, state: { ...states } });
}

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as Record<string, unknown> | null;
    if (!data || typeof data !== 'object' || data.subject !== SPLICE_GET_RESPONSE) return;
    if (event.source !== parentWindow()) return;
    if (data.message_id !== undefined && data.message_id !== pendingId) return;
    const map = data.state && typeof data.state === 'object' && !Array.isArray(data.state) ? (data.state as StateMap) : {};
    restored = map;
    for (const { location, cb } of restoreCallbacks) if (location in map) deliver(cb, map[location]);
  });
}

function deliver(cb: (state: unknown) => void, state: unknown) {
  try {
    cb(state);
  } catch (e) {
    console.warn('SPLICE: a restored state could not be applied', e);
  }
}

/** Ask the host for saved state (once per page). */
export function requestState(): void {
  if (restored !== undefined) return;
  restored = null;
  listen();
  pendingId = uuid();
  post({ subject: SPLICE_GET, message_id: pendingId });
}

/**
 * Call `cb` with the state the host saved for `location`, if it sends one. Asks the
 * host on first use. A host that never answers leaves the page as it is.
 */
export function onRestoreState(location: string, cb: (state: unknown) => void): void {
  restoreCallbacks.push({ location, cb });
  if (restored && location in restored) deliver(cb, restored[location]);
  requestState();
}

/** For widget pages (/lab/<widget>/): report a widget's state (no score: 0) so the host can save it. */
export function reportWidgetState(widgetId: string, state: unknown, score = 0): void {
  reportScoreAndState(widgetId, score, state);
}

/** Keep the host's iframe as tall as the page (LTI frameResize). Returns a function that stops it. */
export function autoResize(el: HTMLElement = document.body): () => void {
  if (!parentWindow() || typeof ResizeObserver === 'undefined') return () => {};
  let last = 0;
  const send = () => {
    const h = Math.ceil(el.scrollHeight);
    if (h !== last) {
      last = h;
      post({ subject: FRAME_RESIZE, message_id: uuid(), height: h });
    }
  };
  const ro = new ResizeObserver(send);
  ro.observe(el);
  send();
  return () => ro.disconnect();
}
