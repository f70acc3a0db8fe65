package io.tidewise.streaming.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidewise.core.QuantileLevels;
import io.tidewise.streaming.inference.IssuedForecast;
import java.time.Instant;

/**
 * The layout of a forecast published on {@code tidewise.forecasts}, the same fields as the {@code forecast}
 * measurement: {@code {"series","domain","model","issued_at","steps":[{"step":1,"ts":"...","mean":...,
 * "p10":...,...,"p90":...}]}}, times as ISO-8601 instants. Key: the series id.
 */
public final class ForecastJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ForecastJson() {}

    public static byte[] write(IssuedForecast forecast) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("series", forecast.series().value());
        root.put("domain", forecast.domain().wireName());
        root.put("model", forecast.modelId());
        root.put("issued_at", forecast.issuedAt().toString());
        QuantileLevels levels = new QuantileLevels(forecast.levels());
        ArrayNode steps = root.putArray("steps");
        for (int step = 1; step <= forecast.horizon(); step++) {
            ObjectNode node = steps.addObject();
            node.put("step", step);
            node.put("ts", Instant.ofEpochMilli(forecast.targetTimes()[step - 1]).toString());
            node.put("mean", forecast.means()[step - 1]);
            for (int q = 0; q < levels.size(); q++) {
                node.put(levels.columnName(q), forecast.quantiles()[step - 1][q]);
            }
        }
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the forecast of " + forecast.series() + " as JSON", e);
        }
    }
}
