package io.tidewise.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/install-influxdb.sh}, which the launcher and {@code scripts/test-all.sh} use, run against stand-ins
 * for {@code apt-get}, {@code systemctl} and {@code update-rc.d}: no service may start while the package installs,
 * the service is disabled afterwards, and the machine's own policy-rc.d is back in place, even after a failure.
 */
class InstallInfluxdbScriptTest {
    private static final Path SCRIPT = Path.of("..", "scripts", "install-influxdb.sh");

    @TempDir
    Path dir;

    @Test
    void noServiceStartsDuringTheInstallAndSystemdDisablesAndStopsItAfterwards() throws Exception {
        Path policy = dir.resolve("policy-rc.d");
        Files.writeString(policy, "#!/bin/sh\n# the machine's own\nexit 0\n");
        Path systemd = Files.createDirectories(dir.resolve("run-systemd-system"));

        Result result = run(policy, systemd, false);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.calls()).containsExactly(
                "apt-get install -y -q --no-install-recommends influxdb (policy-rc.d influxdb start: 101)",
                "systemctl disable --now influxdb");
        assertThat(result.stderr()).contains("tidewise: installed influxdb; its system service is disabled and "
                + "stopped (Tidewise runs its own influxd on 127.0.0.1)");
        assertThat(Files.readString(policy)).as("the machine's policy-rc.d, put back").contains("the machine's own");
    }

    @Test
    void withoutSystemdTheBootScriptIsDisabled() throws Exception {
        Path policy = dir.resolve("policy-rc.d");

        Result result = run(policy, dir.resolve("no-systemd-here"), false);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.calls()).containsExactly(
                "apt-get install -y -q --no-install-recommends influxdb (policy-rc.d influxdb start: 101)",
                "update-rc.d influxdb disable");
        assertThat(result.stderr()).contains("its system service was not started and is disabled at boot");
        assertThat(policy).as("no policy-rc.d was there before, none is left").doesNotExist();
    }

    @Test
    void aFailedInstallStillPutsThePolicyBackAndFails() throws Exception {
        Path policy = dir.resolve("policy-rc.d");
        Files.writeString(policy, "#!/bin/sh\n# the machine's own\nexit 0\n");

        Result result = run(policy, dir.resolve("run-systemd-system"), true);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.calls()).containsExactly(
                "apt-get install -y -q --no-install-recommends influxdb (policy-rc.d influxdb start: 101)",
                "apt-get update -q (policy-rc.d influxdb start: 101)");
        assertThat(Files.readString(policy)).contains("the machine's own");
        try (var siblings = Files.list(dir)) {
            assertThat(siblings.map(path -> path.getFileName().toString()))
                    .as("no backup left behind").noneMatch(name -> name.contains("tidewise-backup"));
        }
    }

    private record Result(int exitCode, List<String> calls, String stderr) {}

    private Result run(Path policy, Path systemdRuntime, boolean aptFails) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path calls = dir.resolve("calls.log");
        // apt-get records how the policy answers while it "installs", as invoke-rc.d would ask it
        fake(bin, "apt-get", "echo \"apt-get $* (policy-rc.d influxdb start: $(\"$TIDEWISE_POLICY_RC_D\" influxdb start"
                + " >/dev/null 2>&1; echo $?))\" >>\"$CALLS\"\n" + (aptFails ? "exit 100\n" : "exit 0\n"));
        fake(bin, "systemctl", "echo \"systemctl $*\" >>\"$CALLS\"\n");
        fake(bin, "update-rc.d", "echo \"update-rc.d $*\" >>\"$CALLS\"\n");
        ProcessBuilder command = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(false);
        Map<String, String> environment = command.environment();
        environment.put("PATH", bin + ":/usr/bin:/bin");
        environment.put("TIDEWISE_POLICY_RC_D", policy.toString());
        environment.put("TIDEWISE_SYSTEMD_RUNTIME", systemdRuntime.toString());
        environment.put("CALLS", calls.toString());
        Process process = command.start();
        process.getOutputStream().close();
        process.getInputStream().readAllBytes(); // apt-get's progress, in real life
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.exists(calls) ? Files.readAllLines(calls) : List.of(), stderr);
    }

    private static void fake(Path bin, String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
