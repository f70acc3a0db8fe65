/** Charts: ECharts from its WebJar, driven by a small custom element of ours. */
package io.tidewise.ui.chart;
