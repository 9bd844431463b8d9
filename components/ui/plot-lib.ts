/**
 * The subset of Observable Plot the book's figures use. Figures receive this module
 * (never `import * from '@observablehq/plot'`), so the browser's lazily loaded Plot
 * chunk holds only these marks. Add a mark here when a widget needs a new one, and
 * check `npm run bench` (page weight) afterwards: each mark costs bytes on every page.
 */
export { plot, areaY, arrow, barY, barX, dot, line, lineY, rectX, rectY, ruleX, ruleY, text } from '@observablehq/plot';
