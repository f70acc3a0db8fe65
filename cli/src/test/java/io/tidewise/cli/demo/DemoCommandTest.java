package io.tidewise.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidewise.cli.CommandRun;
import io.tidewise.cli.ExitCodes;
import io.tidewise.cli.Home;
import io.tidewise.cli.TinyCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The demo on the shipped sample data, with a tiny checkpoint standing in for the default model. */
class DemoCommandTest {
    /** Surefire runs in the module folder; the sample data sits at the repository root, the launcher's home. */
    private static final Path DEMO_DATA = Path.of("..").resolve(DemoCommand.DEMO_DATA);

    @TempDir
    Path dir;

    @Test
    void forecastsTheShippedSeriesAndDrawsThem() throws Exception {
        Path checkpoint = TinyCheckpoint.create(dir.resolve("tiny"));
        Path output = dir.resolve("demo");

        String previous = System.getProperty(Home.PROPERTY);
        System.setProperty(Home.PROPERTY, DEMO_DATA.getParent().getParent().toString());
        CommandRun run;
        try {
            run = CommandRun.of("demo", "--model", checkpoint.toString(), "--horizon", "6", "--output",
                    output.toString());
        } finally {
            if (previous == null) {
                System.clearProperty(Home.PROPERTY);
            } else {
                System.setProperty(Home.PROPERTY, previous);
            }
        }

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains(output.resolve("forecast.csv").toAbsolutePath().toString())
                .contains(output.resolve("forecast.svg").toAbsolutePath().toString());
        List<String> rows = Files.readAllLines(output.resolve("forecast.csv"));
        assertThat(run.out()).contains("Forecast 4 series of " + Path.of("..").toAbsolutePath().normalize()
                .resolve(DemoCommand.DEMO_DATA));
        assertThat(rows).hasSize(1 + 4 * 6);
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("stock/AAPL/close,1,2010-04-01,"));
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith(
                "traffic/I-94/westbound_volume,6,2018-10-01T05:00:00Z,"));

        Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(output.resolve("forecast.svg").toFile());
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.getElementsByTagName("g").getLength()).isEqualTo(4);
        String text = svg.getDocumentElement().getTextContent();
        assertThat(text).contains("stock/AAPL/close", "stock/MSFT/close", "economy/US/nonfarm_employment",
                "traffic/I-94/westbound_volume", "p10-p90 band");
    }

    @Test
    void anOutputThatCannotBeWrittenFailsWithExitCodeThreeNamingIt() throws Exception {
        Path checkpoint = TinyCheckpoint.create(dir.resolve("tiny"));
        Path blocked = Files.writeString(dir.resolve("a-file"), "not a folder");
        CommandRun run = CommandRun.of("demo", "--model", checkpoint.toString(), "--input", DEMO_DATA.toString(),
                "--output", blocked.resolve("demo").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("demo: FileSystemException: " + blocked.resolve("demo"));
    }

    @Test
    void withoutADefaultModelItSaysWhichCommandMakesOne() {
        CommandRun run = CommandRun.of("demo", "--output", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("no default model is installed").contains("./tidewise train adapt")
                .contains("./tidewise models register --name default --promote")
                .contains("--model DIR");
    }
}
