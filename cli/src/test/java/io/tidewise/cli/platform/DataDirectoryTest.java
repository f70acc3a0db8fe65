package io.tidewise.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory's lock, its layout check and its choice of the checkpoint to resume from. */
class DataDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aSecondPlatformInAnotherProcessIsRefusedWithTheFolderAndTheHoldersPid() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Path holder = dir.resolve("HoldLock.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class HoldLock {
                    public static void main(String[] args) throws Exception {
                        Path file = Path.of(args[0]);
                        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE); var lock = channel.lock()) {
                            channel.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\\n").getBytes()));
                            System.out.println("locked");
                            System.out.flush();
                            System.in.read();
                        }
                    }
                }
                """);
        String java = ProcessHandle.current().info().command().orElse("java");
        Process other = new ProcessBuilder(java, holder.toString(), data.resolve(DataDirectory.LOCK_FILE).toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(other.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(lines.readLine()).isEqualTo("locked");

            assertThatThrownBy(() -> DataDirectory.open(data))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the data directory " + data.toAbsolutePath() + " is in use by another")
                    .hasMessageContaining("(pid " + other.pid() + ")");
        } finally {
            other.getOutputStream().close();
            if (!other.waitFor(30, TimeUnit.SECONDS)) {
                other.destroyForcibly();
            }
        }
        try (DataDirectory free = DataDirectory.open(data)) {
            assertThat(free.root()).isEqualTo(data.toAbsolutePath());
            assertThat(Files.readString(data.resolve(DataDirectory.LOCK_FILE)).strip())
                    .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        }
    }

    @Test
    void aSecondPlatformInThisProcessIsRefusedUntilTheFirstCloses() throws Exception {
        Path data = dir.resolve("data");
        try (DataDirectory first = DataDirectory.open(data)) {
            assertThatThrownBy(() -> DataDirectory.open(data))
                    .hasMessageContaining(data.toAbsolutePath() + " is in use by another `tidewise run` (pid "
                            + ProcessHandle.current().pid() + ")");
        }
        DataDirectory.open(data).close();
    }

    @Test
    void aFolderOfAnotherLayoutOrOfSomethingElseIsRefusedByName() throws Exception {
        Path newer = dir.resolve("newer");
        Files.createDirectories(newer);
        Files.writeString(newer.resolve(DataDirectory.LAYOUT_FILE), "layout=99\n");
        assertThatThrownBy(() -> DataDirectory.open(newer))
                .hasMessageContaining("the data directory " + newer.toAbsolutePath()
                        + " was written by an incompatible version of Tidewise (layout 99");

        Path foreign = dir.resolve("foreign");
        Files.createDirectories(foreign.resolve("photos"));
        assertThatThrownBy(() -> DataDirectory.open(foreign))
                .hasMessageContaining(foreign.toAbsolutePath() + " holds [photos] but no tidewise-data.properties");

        Path file = dir.resolve("a-file");
        Files.writeString(file, "not a folder");
        assertThatThrownBy(() -> DataDirectory.open(file)).hasMessageContaining(file.toAbsolutePath().toString());

        // the lock is released after a refusal: the layout can be fixed and the folder opened
        Files.writeString(newer.resolve(DataDirectory.LAYOUT_FILE), "layout=" + DataDirectory.LAYOUT + "\n");
        DataDirectory.open(newer).close();
    }

    @Test
    void theNewestCompleteCheckpointOfAnyEarlierJobIsResumedAndTheOtherJobsGo() throws Exception {
        try (DataDirectory data = DataDirectory.open(dir.resolve("data"))) {
            assertThat(data.latestCheckpoint()).isEmpty();
            Path older = checkpoint(data, "job-a", 7, Instant.parse("2026-01-01T00:00:00Z"));
            Path newest = checkpoint(data, "job-b", 2, Instant.parse("2026-01-02T00:00:00Z"));
            checkpoint(data, "job-b", 1, Instant.parse("2026-01-01T12:00:00Z"));
            // a checkpoint still being written has no _metadata yet
            Files.createDirectories(data.checkpoints().resolve("job-c").resolve("chk-9"));

            assertThat(data.latestCheckpoint()).contains(newest);
            data.deleteCheckpointsOtherThan(newest);
            assertThat(older).doesNotExist();
            assertThat(data.checkpoints().resolve("job-c")).doesNotExist();
            assertThat(data.latestCheckpoint()).contains(newest);
        }
    }

    @Test
    void anEphemeralFolderIsDeletedOnClose() throws Exception {
        DataDirectory data = DataDirectory.ephemeral();
        Files.createDirectories(data.kafka());
        data.close();
        assertThat(data.root()).doesNotExist();
    }

    private static Path checkpoint(DataDirectory data, String job, int number, Instant written) throws Exception {
        Path checkpoint = data.checkpoints().resolve(job).resolve("chk-" + number);
        Files.createDirectories(checkpoint);
        Path metadata = Files.writeString(checkpoint.resolve("_metadata"), "metadata");
        Files.setLastModifiedTime(metadata, FileTime.from(written));
        return checkpoint;
    }
}
