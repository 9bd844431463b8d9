/**
 * A widget on its own lab page, embedded in a host (?embed=1): its parameters are the
 * state the host saves (SPLICE reportScoreAndState, score 0: a widget is not graded), and
 * a state the host sends back is applied after validation against the widget's specs.
 * Only lab pages do this: on an exercise page the exercise reports its own score, and a
 * widget's 0 would be averaged into it.
 */
import { checkParam, type ParamSpecs, type ParamValues } from '../../engine/core/params';
import { isEmbedded } from './splice';

/** Should widgets on this page talk to a host? (An embedded /lab/<widget>/ page.) */
export function widgetHostSync(loc: { pathname: string; search: string } | undefined = typeof location === 'undefined' ? undefined : location): boolean {
  return !!loc && isEmbedded(loc.search) && /^\/lab\/[^/]+\/?$/.test(loc.pathname);
}

/**
 * Apply a state a host sent (anything: it comes from outside) to a widget's values:
 * known parameters with valid values are taken, everything else is kept as it is and
 * explained in a note. Never throws.
 */
export function restoreWidgetParams<S extends ParamSpecs>(specs: S, current: ParamValues<S>, state: unknown): { values: ParamValues<S>; notes: string[] } {
  if (!state || typeof state !== 'object' || Array.isArray(state)) {
    return { values: current, notes: state == null ? [] : ['The saved state from the course page could not be read; the widget shows its defaults.'] };
  }
  const values = { ...current } as Record<string, unknown>;
  const notes: string[] = [];
  for (const [k, v] of Object.entries(state as Record<string, unknown>)) {
    const spec = Object.prototype.hasOwnProperty.call(specs, k) ? specs[k] : undefined;
    if (!spec) {
      notes.push(`The saved state names “${k.slice(0, 40)}”, which this widget does not have; it was ignored.`);
      continue;
    }
    const msg = checkParam(spec, v);
    if (msg) notes.push(`Saved ${spec.label}: ${msg}; the current value was kept.`);
    else values[k] = v;
  }
  return { values: values as ParamValues<S>, notes };
}
