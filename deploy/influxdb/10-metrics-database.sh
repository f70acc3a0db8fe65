#!/bin/bash
# Sourced by the influxdb:1.8 image's entrypoint on its first start (an empty volume), after it created the
# `tidewise` database and the users; $INFLUX_CMD there runs InfluxQL as the admin. Flink's metric reporter
# (io.tidewise.streaming.metrics.MetricsReporting) writes the job's metrics into a database of their own, read by
# the operations dashboard: the job's user writes it, Grafana's reads it.
$INFLUX_CMD "CREATE DATABASE tidewise_metrics"
$INFLUX_CMD "GRANT ALL ON \"tidewise_metrics\" TO \"${INFLUXDB_USER}\""
$INFLUX_CMD "GRANT READ ON \"tidewise_metrics\" TO \"${INFLUXDB_READ_USER}\""
