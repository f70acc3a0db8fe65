/**
 * Regularization: observations of one series, arriving at any time and in any order within the allowed lateness,
 * become one value per step of the series' frequency, with explicit missing values for empty steps. A step is
 * closed when the event-time watermark passes its end plus the allowed lateness; anything arriving for a closed
 * step is dropped, counted and sent to a side output.
 */
package io.tidewise.streaming.regularize;
