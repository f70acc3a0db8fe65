/** The app's connection to InfluxDB through the store module; used by services only. */
package io.tidewise.ui.influx;
