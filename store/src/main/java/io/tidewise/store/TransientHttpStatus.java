package io.tidewise.store;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Turns HTTP answers that say "try again later" (408, 429, 5xx) into an {@link IOException}, which the client
 * wraps in {@code InfluxDBIOException}. The client's own exceptions carry only the error text, not the status, so
 * without this a 503 from a proxy and a 400 for a malformed query would look alike; with it, "transport failed or
 * server busy" (retry) and "request refused" (do not) are told apart by exception type alone.
 */
final class TransientHttpStatus implements Interceptor {
    private static final int MAX_BODY_IN_MESSAGE = 2_000;

    static final class TransientStatusException extends IOException {
        private static final long serialVersionUID = 1L;

        TransientStatusException(String message) {
            super(message);
        }
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        int code = response.code();
        if (code == 408 || code == 429 || code >= 500) {
            String body = response.peekBody(MAX_BODY_IN_MESSAGE).string();
            response.close();
            throw new TransientStatusException("HTTP " + code + " from " + chain.request().url().redact() + ": "
                    + body.strip());
        }
        return response;
    }
}
