// halp/report: the report's building blocks — SVG charts written by hand (no plotting dependency),
// a 2-D PCA for feature pictures, HaLP's hallucinated positives as a picture and the paper-style
// results table. They run in the browser too; the writer of the report folder is in `halp/node`.
export { type FeatureHallucinationOptions, featureHallucinationPicture } from './feature-hallucinations.js';
export type { HallucinationScene } from './hallucination-picture.js';
export { hallucinationPicture, hallucinationScatter } from './hallucination-picture.js';
export type { Marker } from './markers.js';
export { DEFAULT_MARKER_SIZE } from './markers.js';
export { formatTick, niceTicks } from './nice-ticks.js';
export type { GroupStyle } from './palette.js';
export { DISTINCT_COLOURS, DISTINCT_GROUP_STYLES, groupColour, groupStyle } from './palette.js';
export type { Projection2 } from './pca.js';
export { principalComponents2, projectionAxisLabels } from './pca.js';
export type { MeanAndSpread, ResultRow, ResultsTable } from './results-table.js';
export { meanAndSpread, resultsTable } from './results-table.js';
export type { ChartEvent, LegendLine, LineChartSpec, LineSeries } from './svg-line-chart.js';
export { lineChart, stackedLineCharts } from './svg-line-chart.js';
export type { MarkerLegendEntry, ScatterPoint, ScatterSpec } from './svg-scatter.js';
export { scatterPlot } from './svg-scatter.js';
