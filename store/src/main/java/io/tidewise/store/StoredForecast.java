package io.tidewise.store;

import io.tidewise.core.Forecast;
import io.tidewise.core.Validation;
import java.time.Instant;

/**
 * A forecast read back from the store: which model issued it and when, and its steps with target times and bands.
 *
 * @param issuedAt when it was issued, at the millisecond precision of the {@code issued_at} field
 */
public record StoredForecast(String model, Instant issuedAt, Forecast forecast) {
    public StoredForecast {
        Validation.requireNonBlank(model, "model");
        Validation.requireNonNull(issuedAt, "issuedAt");
        Validation.requireNonNull(forecast, "forecast");
    }
}
