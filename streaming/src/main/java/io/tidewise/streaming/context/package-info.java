/**
 * The bounded context of each series: the last values of its regular steps, never more than the model reads, kept
 * in keyed state; every k-th observed step it asks for a forecast with a {@link
 * io.tidewise.streaming.context.ForecastTrigger} carrying that context and the series' seasonal-naive scale.
 */
package io.tidewise.streaming.context;
