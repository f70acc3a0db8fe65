package io.tidewise.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Quoting round trips: whatever the fields hold, the writer's records read back as they were. */
class CsvReaderPropertiesTest {

    @Property(tries = 300)
    void whatTheWriterWritesTheReaderReadsBack(@ForAll("records") List<List<String>> records) throws IOException {
        StringWriter out = new StringWriter();
        try (CsvWriter writer = new CsvWriter(out)) {
            for (List<String> record : records) {
                writer.writeRecord(record);
            }
        }
        assertThat(CsvReaderTest.readAll(out.toString())).isEqualTo(records);
    }

    @Provide
    Arbitrary<List<List<String>>> records() {
        Arbitrary<String> field = Arbitraries.strings()
                .withChars(",\"\n\r abc;'\\\t")
                .withCharRange('a', 'z')
                .withCharRange('\u4e00', '\u4e10')
                .ofMaxLength(8);
        // A record that is one empty field is a blank line, which the reader skips on purpose.
        return field.list().ofMinSize(1).ofMaxSize(5)
                .filter(record -> record.size() > 1 || !record.get(0).isEmpty())
                .list().ofMaxSize(10);
    }

}
