/**
 * Live accuracy: when the regular step of a series arrives for a time that an earlier forecast covered, the
 * forecast is scored against it (absolute error, error scaled by the seasonal-naive scale, inside the 80% band).
 */
package io.tidewise.streaming.accuracy;
