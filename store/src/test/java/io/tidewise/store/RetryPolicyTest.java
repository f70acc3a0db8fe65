package io.tidewise.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoffDoublesFromTheInitialWaitUpToTheMaximum() {
        RetryPolicy policy = RetryPolicy.builder()
                .optInitialBackoff(Duration.ofMillis(100))
                .optMaxBackoff(Duration.ofMillis(700))
                .build();
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofMillis(700));
        assertThat(policy.backoff(1_000_000)).isEqualTo(Duration.ofMillis(700));
    }

    @Property
    void backoffNeverShrinksAndStaysWithinBounds(@ForAll @IntRange(min = 1, max = 10_000) int initialMillis,
            @ForAll @IntRange(min = 0, max = 100_000) int extraMillis, @ForAll @IntRange(min = 1, max = 5000) int attempt) {
        RetryPolicy policy = RetryPolicy.builder()
                .optInitialBackoff(Duration.ofMillis(initialMillis))
                .optMaxBackoff(Duration.ofMillis(initialMillis + extraMillis))
                .build();
        assertThat(policy.backoff(attempt + 1)).isGreaterThanOrEqualTo(policy.backoff(attempt));
        assertThat(policy.backoff(attempt)).isBetween(policy.initialBackoff(), policy.maxBackoff());
    }

    @Test
    void theDefaultNeverGivesUp() {
        RetryPolicy policy = RetryPolicy.defaults();
        assertThat(policy.givesUp(Duration.ofDays(365))).isFalse();
        assertThat(policy.giveUpAfter()).isEmpty();
    }

    @Test
    void aBoundedPolicyGivesUpOnceFailuresLastLongEnough() {
        RetryPolicy policy = RetryPolicy.builder().optGiveUpAfter(Duration.ofSeconds(10)).build();
        assertThat(policy.givesUp(Duration.ofSeconds(9))).isFalse();
        assertThat(policy.givesUp(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void invalidValuesAreRefusedWithTheFieldAndTheValue() {
        assertThatThrownBy(() -> RetryPolicy.builder().optInitialBackoff(Duration.ZERO).build())
                .hasMessage("initialBackoff must be at least 1 ms, was PT0S");
        assertThatThrownBy(() -> RetryPolicy.builder().optInitialBackoff(Duration.ofSeconds(10))
                .optMaxBackoff(Duration.ofSeconds(1)).build())
                .hasMessage("maxBackoff must be at least initialBackoff (PT10S), was PT1S");
        assertThatThrownBy(() -> RetryPolicy.builder().optMultiplier(0.5).build())
                .hasMessage("multiplier must be a finite number of at least 1, was 0.5");
        assertThatThrownBy(() -> RetryPolicy.builder().optGiveUpAfter(Duration.ofSeconds(-1)).build())
                .hasMessage("giveUpAfter must be positive or null (never), was PT-1S");
        assertThatThrownBy(() -> RetryPolicy.defaults().backoff(0)).hasMessage("attempt must be positive, was 0");
    }
}
