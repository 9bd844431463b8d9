/**
 * Leverage Lab engine: the public API.
 *
 * Pure, deterministic simulation models with no DOM and no framework code.
 * Everything a widget, an exercise or a test needs is exported from here.
 * The names and shapes listed in ARCHITECTURE.md are a contract.
 */
export * from './core';
export * from './loop';
export * from './options';
export * from './leverage';
export * from './collateral';
export * from './contagion';
export * from './policy';
