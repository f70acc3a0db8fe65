#!/usr/bin/env bash
# Creates the stack's topics before the job starts (the kafka-setup service): Flink's Kafka source refuses a topic
# that does not exist. Existing topics are left as they are. TIDEWISE_TOPICS lists Tidewise's own topics and those
# of streams/*.yaml (a test checks the list against both); a stream with a new topic needs it added there.
set -euo pipefail
bootstrap="${KAFKA_BOOTSTRAP:?KAFKA_BOOTSTRAP must be set}"
partitions="${TIDEWISE_KAFKA_PARTITIONS:-1}"
for topic in ${TIDEWISE_TOPICS:?TIDEWISE_TOPICS must list the topics to create}; do
    /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$bootstrap" --create --if-not-exists \
        --topic "$topic" --partitions "$partitions" --replication-factor 1
done
echo "create-topics: ready: $TIDEWISE_TOPICS"
