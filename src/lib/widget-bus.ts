/**
 * A page-level registry of live widget states, so an experiment exercise ("set the
 * widget so that…") can read the widget it refers to. Islands on one page share
 * this module instance. Only stores references; no copying, no globals on window.
 */
type Getter = () => Record<string, unknown>;
const registry = new Map<string, Getter>();
const listeners = new Set<() => void>();

export function registerWidget(instance: string, get: Getter): () => void {
  registry.set(instance, get);
  for (const l of listeners) l();
  return () => {
    if (registry.get(instance) === get) registry.delete(instance);
  };
}

export function readWidget(instance: string): Record<string, unknown> | null {
  const g = registry.get(instance);
  return g ? g() : null;
}

export function onWidgetsChanged(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
