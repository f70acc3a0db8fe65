package io.tidewise.ingest.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a pipeline needs when they are missing; existing topics are left as they are (their
 * partition count is the operator's choice, not ours).
 */
public final class TopicAdmin implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

    private final Admin admin;
    private final Duration timeout;

    /**
     * @param bootstrapServers Kafka's {@code host:port} list
     * @param timeout          how long one admin call may take
     */
    public TopicAdmin(String bootstrapServers, Duration timeout) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        this.admin = Admin.create(properties);
    }

    /** Ensures Tidewise's own topics exist with the given partitions and replication factor. */
    public List<String> ensureTidewiseTopics(int partitions, short replicationFactor) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(Topics.OBSERVATIONS, partitions);
        topics.put(Topics.DEAD_LETTER, partitions);
        topics.put(Topics.FORECASTS, partitions);
        return ensureTopics(topics, replicationFactor);
    }

    /** Ensures the source topic of every definition exists (one topic once, however many definitions read it). */
    public List<String> ensureSourceTopics(java.util.Collection<io.tidewise.core.StreamDefinition> definitions,
            int partitions, short replicationFactor) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        definitions.forEach(definition -> topics.put(definition.topic(), partitions));
        return ensureTopics(topics, replicationFactor);
    }

    /**
     * Creates each topic that does not exist yet.
     *
     * @param partitionsByTopic topic name to partition count (positive)
     * @return the topics this call created (the others existed)
     */
    public List<String> ensureTopics(Map<String, Integer> partitionsByTopic, short replicationFactor) {
        Objects.requireNonNull(partitionsByTopic, "partitionsByTopic");
        if (replicationFactor <= 0) {
            throw new IllegalArgumentException("replicationFactor must be positive, was " + replicationFactor);
        }
        partitionsByTopic.forEach((topic, partitions) -> {
            if (partitions == null || partitions <= 0) {
                throw new IllegalArgumentException("partitions of topic '" + topic + "' must be positive, was "
                        + partitions);
            }
        });
        Set<String> existing = listTopics();
        List<NewTopic> missing = new ArrayList<>();
        partitionsByTopic.forEach((topic, partitions) -> {
            if (!existing.contains(topic)) {
                missing.add(new NewTopic(topic, partitions, replicationFactor));
            }
        });
        List<String> created = new ArrayList<>();
        admin.createTopics(missing).values().forEach((topic, future) -> {
            try {
                future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(topic);
                LOG.info("Created topic {} with {} partitions", topic, partitionsByTopic.get(topic));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic '" + topic + "': " + e.getCause(), e.getCause());
                }
                LOG.debug("Topic {} was created concurrently", topic);
            } catch (TimeoutException e) {
                throw new IllegalStateException("creating topic '" + topic + "' took longer than " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topic '" + topic + "'", e);
            }
        });
        awaitLeaders(created);
        return created;
    }

    /**
     * Waits until every partition of the new topics has a leader the admin client sees: a producer that starts
     * writing to a topic the controller has just created can otherwise meet a partition still electing its leader
     * (seen as {@code OutOfOrderSequenceException} from an idempotent producer on a loaded machine).
     */
    private void awaitLeaders(List<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                boolean allLed = admin.describeTopics(topics).allTopicNames()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).values().stream()
                        .flatMap(description -> description.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                if (allLed) {
                    return;
                }
            } catch (ExecutionException e) {
                // metadata of a topic created a moment ago may not have reached the broker answering: ask again
                LOG.debug("Topics {} not described yet: {}", topics, e.getCause().toString());
            } catch (TimeoutException e) {
                // fall through to the deadline check
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the leaders of " + topics, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the partitions of " + topics + " had no leader after " + timeout);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the leaders of " + topics, e);
            }
        }
    }

    /** The names of the topics that exist, internal ones excluded. */
    public Set<String> listTopics() {
        try {
            return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("listing topics took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        }
    }

    /** The partition count of an existing topic. */
    public int partitions(String topic) {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic).partitions().size();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe topic '" + topic + "': " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("describing topic '" + topic + "' took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topic '" + topic + "'", e);
        }
    }

    @Override
    public void close() {
        admin.close(timeout);
    }
}
