package io.tidewise.ui.health;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/** GETs of Flink's REST API, as JSON: {@link FlinkRest} over HTTP, or answers captured from a real cluster in tests. */
@FunctionalInterface
public interface FlinkApi {
    /** @throws IOException when Flink does not answer, or answers with a status other than 200 */
    JsonNode get(String path) throws IOException, InterruptedException;
}
