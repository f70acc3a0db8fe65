/**
 * What the job needs to know about one series before it can regularize and forecast it: its frequency and
 * horizon. A {@link io.tidewise.streaming.series.SeriesSettingsResolver} answers per series; it is serializable
 * because every operator that needs it carries its own copy to the task managers.
 */
package io.tidewise.streaming.series;
