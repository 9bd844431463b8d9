/**
 * A widget's parameters as reactive state: defaults from the engine's spec, an
 * optional preset (one widget, many chapter presets), values from the URL when a
 * reader follows a shared link, and notes about anything that had to be ignored.
 */
import { defaultParams, sanitizeParams, type ParamSpecs, type ParamValues } from '../../engine/core/params';
import { decodeWidgetState, encodeWidgetState } from '../../src/lib/url-state';
import { registerWidget } from '../../src/lib/widget-bus';
import { onRestoreState, reportWidgetState } from '../../src/lib/splice';
import { restoreWidgetParams, widgetHostSync } from '../../src/lib/splice-widget';

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
    if (widgetHostSync()) this.syncWithHost();
  }

  /** Embedded lab page: restore the state the host saved, and report every change (debounced) so it can save it. */
  private syncWithHost(): void {
    onRestoreState(this.key, (state) => {
      const r = restoreWidgetParams(this.specs, $state.snapshot(this.values) as ParamValues<S>, state);
      this.values = r.values;
      this.notes = r.notes;
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    $effect.root(() => {
      $effect(() => {
        const snap = $state.snapshot(this.values);
        clearTimeout(timer);
        timer = setTimeout(() => reportWidgetState(this.key, snap), 250);
      });
    });
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
