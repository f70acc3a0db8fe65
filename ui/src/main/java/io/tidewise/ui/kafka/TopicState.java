package io.tidewise.ui.kafka;

/**
 * One topic as Kafka reports it.
 *
 * @param exists     whether the topic exists
 * @param endOffsets the sum of its partitions' end offsets: every record ever written
 * @param records    records still held (end minus earliest offsets)
 * @param lag        records the job's consumer group has not yet committed; -1 when the group has no offsets
 */
public record TopicState(String topic, boolean exists, long endOffsets, long records, long lag) {
    public static TopicState missing(String topic) {
        return new TopicState(topic, false, 0, 0, -1);
    }
}
