package io.tidewise.cli.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one folder where the embedded platform keeps what must survive a restart:
 *
 * <pre>
 * DIR/tidewise-data.properties   layout version: refuses a folder this version cannot read
 * DIR/run.lock                   held (and naming its pid) while a platform runs on DIR
 * DIR/kafka/                     the broker's KRaft metadata and topic logs (topics, offsets, consumer offsets)
 * DIR/influxd/                   influxd's meta, data and WAL folders
 * DIR/flink/checkpoints/JOB/chk-N  the job's retained checkpoints (keyed state and Kafka offsets)
 * DIR/flink/savepoints/savepoint-*  the savepoint of the last job restart from the web app (same contents)
 * DIR/demo-producers.properties  where the demo producers stopped
 * </pre>
 *
 * An ephemeral one is a fresh temporary folder, deleted on {@link #close()}. A persistent one is locked for as long as
 * it is open: two platforms writing one broker log and one InfluxDB would corrupt both.
 */
public final class DataDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    /** Bumped whenever a folder written by an earlier layout can no longer be read as it is. */
    static final int LAYOUT = 1;
    static final String LAYOUT_FILE = "tidewise-data.properties";
    static final String LOCK_FILE = "run.lock";

    private final Path root;
    private final boolean ephemeral;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataDirectory(Path root, boolean ephemeral, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.ephemeral = ephemeral;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** {@code ~/.tidewise/data}: where {@code tidewise run} keeps its data unless told otherwise. */
    public static Path defaultLocation() {
        return Path.of(System.getProperty("user.home"), ".tidewise", "data");
    }

    /** A fresh temporary folder, deleted with everything in it on {@link #close()}. */
    public static DataDirectory ephemeral() throws IOException {
        return new DataDirectory(Files.createTempDirectory("tidewise-platform").toAbsolutePath(), true, null, null);
    }

    /**
     * Opens (creating it if need be) the data directory at {@code root} and locks it.
     *
     * @throws IllegalStateException if another platform holds it, naming the folder and that platform's pid; if
     *         it was written by an incompatible version; or if it cannot be read and written
     */
    public static DataDirectory open(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (FileSystemException e) {
            throw new IllegalStateException("the data directory " + absolute + " cannot be created: " + e, e);
        }
        if (!Files.isDirectory(absolute) || !Files.isReadable(absolute) || !Files.isWritable(absolute)
                || !Files.isExecutable(absolute)) {
            throw new IllegalStateException("the data directory " + absolute + " is not a folder this user may "
                    + "read and write; choose another with --data-dir");
        }
        Path lockFile = absolute.resolve(LOCK_FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("the data directory's lock file " + lockFile + " cannot be written by "
                    + "this user; choose another with --data-dir", e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by another platform in this very JVM
        }
        if (lock == null) {
            String holder = readPid(lockFile);
            channel.close();
            throw new IllegalStateException("the data directory " + absolute + " is in use by another `tidewise "
                    + "run` (pid " + holder + "); stop that one first, or give this one another --data-dir");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            checkLayout(absolute);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
        return new DataDirectory(absolute, false, channel, lock);
    }

    /**
     * A new folder gets this version's layout file; an existing one must carry it. A folder holding data but no
     * layout file was not written by {@code tidewise run}: refused rather than mixed with ours.
     */
    private static void checkLayout(Path root) throws IOException {
        Path file = root.resolve(LAYOUT_FILE);
        if (!Files.exists(file)) {
            try (Stream<Path> children = Files.list(root)) {
                List<String> others = children.map(child -> child.getFileName().toString())
                        .filter(name -> !name.equals(LOCK_FILE)).sorted().toList();
                if (!others.isEmpty()) {
                    throw new IllegalStateException("the data directory " + root + " holds " + others + " but no "
                            + LAYOUT_FILE + ": it was not written by `tidewise run`; give an empty or new folder "
                            + "with --data-dir");
                }
            }
            Properties layout = new Properties();
            layout.setProperty("layout", Integer.toString(LAYOUT));
            writeAtomically(file, layout, "tidewise run data directory: do not edit");
            return;
        }
        Properties layout = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            layout.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("the data directory's " + file + " cannot be read (" + e.getMessage()
                    + "); start afresh with another --data-dir, or delete " + root, e);
        }
        String found = layout.getProperty("layout");
        if (!Integer.toString(LAYOUT).equals(found == null ? null : found.strip())) {
            throw new IllegalStateException("the data directory " + root + " was written by an incompatible "
                    + "version of Tidewise (layout " + found + " in " + file + ", this version reads layout " + LAYOUT
                    + "); start afresh with another --data-dir, or delete " + root);
        }
    }

    private static String readPid(Path lockFile) {
        try {
            String text = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "unknown" : text;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Writes {@code properties} to a temporary file beside {@code file}, then moves it in place in one step. */
    static void writeAtomically(Path file, Properties properties, String comment) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (var out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            properties.store(out, comment);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public Path root() {
        return root;
    }

    public boolean isEphemeral() {
        return ephemeral;
    }

    public Path kafka() {
        return root.resolve("kafka");
    }

    public Path influxd() {
        return root.resolve("influxd");
    }

    /** Flink writes {@code JOB/chk-N} below it. */
    public Path checkpoints() {
        return root.resolve("flink").resolve("checkpoints");
    }

    /** Where a restart of the job writes its savepoint ({@code savepoint-*}); resumed from like a checkpoint. */
    public Path savepoints() {
        return root.resolve("flink").resolve("savepoints");
    }

    public Path demoProducerState() {
        return root.resolve("demo-producers.properties");
    }

    /**
     * The newest complete checkpoint ({@code chk-N} with its {@code _metadata}) of any earlier job, or savepoint of a
     * job restart, by the time its metadata was written: Flink writes {@code _metadata} last, so a checkpoint without
     * it is incomplete. A job stopped with a savepoint discards its checkpoints, and the platform may stop before the
     * restarted job completed one: the savepoint is then what the job resumes from.
     */
    public Optional<Path> latestCheckpoint() throws IOException {
        Path checkpoints = checkpoints();
        List<Path> candidates = new ArrayList<>(completeSavepoints());
        if (Files.isDirectory(checkpoints)) {
            try (Stream<Path> jobs = Files.list(checkpoints)) {
                jobs.filter(Files::isDirectory).flatMap(DataDirectory::completeCheckpoints).forEach(candidates::add);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return candidates.stream().max(Comparator.comparing(DataDirectory::metadataTime)
                .thenComparingLong(DataDirectory::checkpointNumber));
    }

    private List<Path> completeSavepoints() throws IOException {
        if (!Files.isDirectory(savepoints())) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(savepoints())) {
            return children.filter(child -> child.getFileName().toString().startsWith("savepoint-"))
                    .filter(child -> Files.isRegularFile(child.resolve("_metadata"))).toList();
        }
    }

    /** Deletes the savepoints of earlier restarts other than {@code keep}: nothing resumes from them any more. */
    public void deleteSavepointsOtherThan(Path keep) throws IOException {
        if (!Files.isDirectory(savepoints())) {
            return;
        }
        try (Stream<Path> children = Files.list(savepoints())) {
            for (Path savepoint : children.filter(Files::isDirectory).toList()) {
                if (!savepoint.toAbsolutePath().equals(keep.toAbsolutePath())) {
                    LOG.info("Deleting the superseded savepoint of an earlier restart: {}", savepoint);
                    FileUtils.deleteDirectory(savepoint.toFile());
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Deletes the checkpoints of earlier jobs except the folder holding {@code keep}: each start is a new job with a
     * folder of its own, and only the newest is ever resumed from.
     */
    public void deleteCheckpointsOtherThan(Path keep) throws IOException {
        Path keepJob = keep.toAbsolutePath().getParent();
        try (Stream<Path> jobs = Files.list(checkpoints())) {
            for (Path job : jobs.filter(Files::isDirectory).toList()) {
                if (!job.toAbsolutePath().equals(keepJob)) {
                    LOG.info("Deleting the superseded checkpoints of an earlier job: {}", job);
                    FileUtils.deleteDirectory(job.toFile());
                }
            }
        }
    }

    private static Stream<Path> completeCheckpoints(Path job) {
        try {
            // collected at once: a lazy listing would stay open past this method
            return Files.list(job).toList().stream()
                    .filter(child -> child.getFileName().toString().matches("chk-\\d+"))
                    .filter(child -> Files.isRegularFile(child.resolve("_metadata")));
        } catch (NoSuchFileException e) {
            return Stream.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FileTime metadataTime(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long checkpointNumber(Path checkpoint) {
        if (!checkpoint.getFileName().toString().startsWith("chk-")) {
            return -1; // a savepoint: only its time orders it
        }
        return Long.parseLong(checkpoint.getFileName().toString().substring("chk-".length()));
    }

    /** Releases the lock; an ephemeral folder is deleted. */
    @Override
    public void close() throws IOException {
        if (ephemeral) {
            FileUtils.deleteDirectory(root.toFile());
            return;
        }
        try {
            lock.release();
        } finally {
            lockChannel.close();
        }
    }

    @Override
    public String toString() {
        return ephemeral ? root + " (ephemeral)" : root.toString();
    }
}
