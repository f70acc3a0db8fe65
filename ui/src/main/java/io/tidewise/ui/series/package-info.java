/** The Series list: latest values, sparklines, live accuracy, anomaly flags, filters and orders. */
package io.tidewise.ui.series;
