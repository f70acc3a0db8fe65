#!/usr/bin/env bash
# Puts the Tidewise job on the compose stack's Flink session cluster (the job-submitter service). It may run any
# number of times: `docker-compose up -d` starts it again after every stop.
#   - a job of the same name that still runs (or restarts) on the cluster: nothing to do;
#   - otherwise the job is submitted, resumed from the newest complete checkpoint a previous job left in the
#     checkpoint volume (the job retains its last checkpoint when cancelled, streaming/README.md), so a restarted
#     stack neither loses nor re-reads what the previous job had checkpointed.
# Settings come from the environment (docker-compose.yml); InfluxDB credentials are read by the job itself from
# TIDEWISE_INFLUX_USER / TIDEWISE_INFLUX_PASSWORD, never passed on the command line.
set -euo pipefail

rest="http://${FLINK_REST_ADDRESS:-jobmanager}:${FLINK_REST_PORT:-8081}"
name="${TIDEWISE_JOB_NAME:-tidewise}"
checkpoints="${TIDEWISE_CHECKPOINT_DIR:-/var/lib/tidewise/checkpoints}"
kafka="${TIDEWISE_KAFKA:?TIDEWISE_KAFKA (Kafka bootstrap servers) must be set}"
influx="${TIDEWISE_INFLUX_URL:?TIDEWISE_INFLUX_URL (InfluxDB base URL) must be set}"
parallelism="${TIDEWISE_PARALLELISM:-1}"
default_model="${TIDEWISE_DEFAULT_MODEL:-default}"
job_jar=/opt/tidewise/tidewise-streaming-job.jar

overview="$(curl -fsS "$rest/jobs/overview")"
# /jobs/overview lists flat job objects ({"jid":..,"name":..,..,"state":..,"tasks":{..}}): one per line once split
# at '{', with name and state on the same line.
if tr '{' '\n' <<<"$overview" | grep -F "\"name\":\"$name\"" \
        | grep -Eq '"state":"(INITIALIZING|CREATED|RUNNING|RESTARTING|RECONCILING|FAILING|CANCELLING)"'; then
    echo "submit-job: job '$name' already runs on $rest; nothing to do"
    exit 0
fi

# A checkpoint is complete once its _metadata file exists; the newest one wins, whichever job wrote it.
latest="$(ls -1dt "$checkpoints"/*/chk-*/_metadata 2>/dev/null | head -n 1 || true)"
resume=()
if [[ -n "$latest" ]]; then
    resume=(--fromSavepoint "$(dirname "$latest")")
    echo "submit-job: resuming job '$name' from $(dirname "$latest")"
else
    echo "submit-job: no checkpoint in $checkpoints; starting job '$name' afresh"
fi

exec flink run --detached --parallelism "$parallelism" "${resume[@]}" "$job_jar" \
    --name "$name" \
    --kafka "$kafka" \
    --influx "$influx" \
    --models /opt/tidewise/models --default-model "$default_model" \
    --streams /opt/tidewise/streams \
    --checkpoint-dir "$checkpoints"
