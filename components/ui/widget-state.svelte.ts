/**
 * A widget's parameters as reactive state: defaults from the engine's spec, an
 * optional preset (one widget, many chapter presets), values from the URL when a
 * reader follows a shared link, and notes about anything that had to be ignored.
 */
import { defaultParams, sanitizeParams, type ParamSpecs, type ParamValues } from '../../engine/core/params';
import { decodeWidgetState, encodeWidgetState } from '../../src/lib/url-state';
import { registerWidget } from '../../src/lib/widget-bus';

export class WidgetParams<S extends ParamSpecs> {
  values: ParamValues<S> = $state({} as ParamValues<S>);
  notes: string[] = $state([]);
  readonly specs: S;
  readonly key: string;
  readonly initial: ParamValues<S>;

  constructor(specs: S, key: string, preset: Partial<Record<keyof S, unknown>> = {}) {
    this.specs = specs;
    this.key = key;
    const { value, issues } = sanitizeParams(specs, { ...defaultParams(specs), ...preset });
    if (issues.length) console.warn(`widget ${key}: invalid preset`, issues);
    this.initial = value;
    this.values = { ...value };
    // Experiment exercises on the same page read the live state through the widget bus.
    if (typeof window !== 'undefined') registerWidget(key, () => $state.snapshot(this.values) as Record<string, unknown>);
  }

  /** Apply URL state (browser only); notes explain ignored values. */
  loadFromUrl(search: string): void {
    const d = decodeWidgetState(this.specs, this.key, search, this.initial);
    if (d.present) this.values = { ...d.values };
    this.notes = d.notes;
  }

  reset(): void {
    this.values = { ...this.initial };
    this.notes = [];
  }

  /** A link to this page that restores the current state, anchored at the widget. */
  link(location: { origin: string; pathname: string; search: string }, anchor: string): string {
    const qs = encodeWidgetState(this.specs, this.key, this.values, location.search);
    return `${location.origin}${location.pathname}${qs}#${anchor}`;
  }
}
