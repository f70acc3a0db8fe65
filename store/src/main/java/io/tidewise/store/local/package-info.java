/**
 * A local {@code influxd} run as a child process on loopback, for the one-command platform ({@code ./tidewise run})
 * and for tests against a real server. Needs the InfluxDB 1.x server binary on the PATH (Debian: {@code apt-get
 * install influxdb}); nothing here downloads it.
 */
package io.tidewise.store.local;
