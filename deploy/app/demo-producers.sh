#!/usr/bin/env bash
# Demo series for the compose stack (`docker-compose --profile demo up -d`): one generator per example domain,
# onto the topics of streams/*.yaml, until the container stops. Settings come from the environment.
set -euo pipefail
kafka="${TIDEWISE_KAFKA:?TIDEWISE_KAFKA (Kafka bootstrap servers) must be set}"
series="${TIDEWISE_DEMO_SERIES:-5}"
rate="${TIDEWISE_DEMO_RATE:-5}"

pids=()
stop() {
    kill "${pids[@]}" 2>/dev/null || true
}
trap stop TERM INT
for domain in stock economy traffic; do
    tidewise ingest generate --domain "$domain" --series "$series" --rate "$rate" --kafka "$kafka" &
    pids+=("$!")
done
# One generator failing ends the container (and says so in its log) rather than leaving a silent gap.
status=0
wait -n "${pids[@]}" || status=$?
stop
wait || true
exit "$status"
