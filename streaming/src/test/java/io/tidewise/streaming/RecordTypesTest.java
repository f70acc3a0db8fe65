package io.tidewise.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.core.Observation;
import io.tidewise.streaming.accuracy.AccuracyPoint;
import io.tidewise.streaming.accuracy.ForecastPoint;
import io.tidewise.streaming.accuracy.ObservedStep;
import io.tidewise.streaming.context.ForecastTrigger;
import io.tidewise.streaming.context.SeriesContext;
import io.tidewise.streaming.inference.IssuedForecast;
import io.tidewise.streaming.regularize.RegularStep;
import io.tidewise.streaming.regularize.StepAccumulator;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every record the job sends or keeps in state gets Flink's own serializer, never the slow, fragile Kryo one. */
class RecordTypesTest {

    @ParameterizedTest
    @ValueSource(classes = {Observation.class, RegularStep.class, StepAccumulator.class, SeriesContext.class,
            ForecastTrigger.class, IssuedForecast.class, ForecastPoint.class, ObservedStep.class,
            AccuracyPoint.class})
    void isAFlinkPojoWithNoGenericField(Class<?> type) {
        TypeInformation<?> info = TypeInformation.of(type);
        assertThat(info).isInstanceOf(PojoTypeInfo.class);
        PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
        for (int field = 0; field < pojo.getArity(); field++) {
            assertThat(pojo.getPojoFieldAt(field).getTypeInformation())
                    .as("field %s of %s", pojo.getPojoFieldAt(field).getField().getName(), type.getSimpleName())
                    .isNotInstanceOf(GenericTypeInfo.class);
        }
    }
}
