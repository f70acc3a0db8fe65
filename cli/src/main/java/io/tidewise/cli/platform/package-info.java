/**
 * The {@code run} verb: the whole platform on one machine (an in-process Kafka broker, a local influxd, the Flink
 * job on a MiniCluster, demo producers), each piece replaceable by an existing server.
 */
package io.tidewise.cli.platform;
