/**
 * Sink V2 adapters from the job's outputs to store's {@link io.tidewise.store.InfluxWriter}. A writer flushes on
 * every checkpoint, so everything before a completed checkpoint is acknowledged by InfluxDB; what is replayed after
 * a restore overwrites the same points (series, model and time identify a point), so nothing is lost or doubled.
 */
package io.tidewise.streaming.influx;
