package io.tidewise.ui.kafka;

import io.tidewise.ingest.mapping.DeadLetter;
import io.tidewise.ingest.serde.DeadLetterDeserializer;
import io.tidewise.ingest.topic.Topics;
import io.tidewise.ui.config.UiSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.stereotype.Component;

/**
 * Kafka as the app sees it, through an admin client and a short-lived consumer: whether the cluster answers,
 * topic offsets and the streaming job's lag, and the latest dead letters. Each call opens and closes its own
 * client with short timeouts, so a Kafka that is away costs a page seconds, not a hang. Used by services only.
 */
@Component
public class KafkaAdminService {
    /** The consumer group the streaming job commits its offsets under (its default). */
    public static final String JOB_GROUP = "tidewise-streaming";
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final String bootstrap;

    public KafkaAdminService(UiSettings settings) {
        this.bootstrap = settings.kafka();
    }

    public String bootstrap() {
        return bootstrap;
    }

    /**
     * The number of brokers that answer.
     *
     * @throws KafkaUnavailableException when none answers within a few seconds
     */
    public int brokerCount() {
        try (Admin admin = admin()) {
            return get(admin.describeCluster().nodes()).size();
        }
    }

    /** The state of each topic, in the order given. */
    public Map<String, TopicState> topics(Collection<String> topics) {
        Map<String, TopicState> states = new LinkedHashMap<>();
        try (Admin admin = admin()) {
            Set<String> existing = get(admin.listTopics().names());
            List<String> present = topics.stream().filter(existing::contains).distinct().toList();
            Map<String, TopicDescription> descriptions = present.isEmpty() ? Map.of()
                    : get(admin.describeTopics(present).allTopicNames());
            List<TopicPartition> partitions = new ArrayList<>();
            descriptions.values().forEach(description -> description.partitions().forEach(
                    info -> partitions.add(new TopicPartition(description.name(), info.partition()))));
            Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
            Map<TopicPartition, Long> starts = offsets(admin, partitions, OffsetSpec.earliest());
            Map<TopicPartition, OffsetAndMetadata> committed =
                    get(admin.listConsumerGroupOffsets(JOB_GROUP).partitionsToOffsetAndMetadata());
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    states.put(topic, TopicState.missing(topic));
                    continue;
                }
                long end = 0;
                long held = 0;
                long lag = 0;
                boolean anyCommitted = false;
                for (TopicPartition partition : partitions) {
                    if (partition.topic().equals(topic)) {
                        long partitionEnd = ends.getOrDefault(partition, 0L);
                        end += partitionEnd;
                        held += partitionEnd - starts.getOrDefault(partition, 0L);
                        OffsetAndMetadata offset = committed == null ? null : committed.get(partition);
                        if (offset != null) {
                            anyCommitted = true;
                            lag += Math.max(0, partitionEnd - offset.offset());
                        } else {
                            lag += partitionEnd - starts.getOrDefault(partition, 0L);
                        }
                    }
                }
                states.put(topic, new TopicState(topic, true, end, held, anyCommitted ? lag : -1));
            }
        }
        return states;
    }

    /** Up to {@code limit} of the newest dead letters, newest last; empty when the topic does not exist. */
    public List<DeadLetter> latestDeadLetters(int limit) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        List<DeadLetter> letters = new ArrayList<>();
        try (KafkaConsumer<byte[], DeadLetter> consumer = new KafkaConsumer<>(properties,
                new ByteArrayDeserializer(), new DeadLetterDeserializer())) {
            var infos = consumer.partitionsFor(Topics.DEAD_LETTER, TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, TIMEOUT);
            long perPartition = Math.max(1, limit / partitions.size());
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long from = Math.max(starts.get(partition), ends.get(partition) - perPartition);
                consumer.seek(partition, from);
                if (ends.get(partition) > from) {
                    remaining.put(partition, ends.get(partition));
                }
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], DeadLetter> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        letters.add(record.value());
                    }
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() + 1 >= remaining.getOrDefault(partition, Long.MAX_VALUE)) {
                        remaining.remove(partition);
                    }
                }
            }
        } catch (org.apache.kafka.common.KafkaException e) {
            throw new KafkaUnavailableException("Kafka at " + bootstrap + " could not hand out dead letters: "
                    + e.getMessage(), e);
        }
        return letters.size() > limit ? letters.subList(letters.size() - limit, letters.size()) : letters;
    }

    private Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = get(admin.listOffsets(request).all());
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((partition, info) -> offsets.put(partition, info.offset()));
        return offsets;
    }

    private Admin admin() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
        return Admin.create(properties);
    }

    private <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("asking Kafka at " + bootstrap + " was interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new KafkaUnavailableException("Kafka at " + bootstrap + " did not answer within "
                    + TIMEOUT.toSeconds() + " s: " + cause, cause);
        }
    }
}
