package io.tidewise.ui.kafka;

/** Kafka did not answer an admin request in time, or refused it. */
public class KafkaUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
