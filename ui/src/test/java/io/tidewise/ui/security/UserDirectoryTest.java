package io.tidewise.ui.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class UserDirectoryTest {
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

    @TempDir
    Path directory;

    @Test
    void aFirstRunCreatesAnAdminStoresOnlyTheHashAndHandsThePasswordOutOnce() throws Exception {
        Path file = directory.resolve("config").resolve("users");
        UserDirectory users = UserDirectory.load(file, null);
        String password = users.createFirstAdminIfNone(file).orElseThrow();

        assertThat(password).hasSizeGreaterThanOrEqualTo(20);
        String stored = Files.readString(file);
        assertThat(stored).doesNotContain(password).contains("admin:admin:$2a$");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        UserAccount admin = UserDirectory.load(file, null).find("admin").orElseThrow();
        assertThat(admin.roles()).containsExactly(Roles.ADMIN);
        assertThat(BCRYPT.matches(password, admin.passwordHash())).isTrue();

        // the next run finds the admin and generates nothing
        assertThat(UserDirectory.load(file, null).createFirstAdminIfNone(file)).isEmpty();
    }

    @Test
    void usersComeFromTheFileAndTheEnvironmentWhichWins() throws Exception {
        Path file = directory.resolve("users");
        String ana = BCRYPT.encode("a");
        String eve = BCRYPT.encode("e");
        Files.write(file, List.of("# comment", "ana:analyst:" + ana, "eve:analyst:" + ana));
        UserDirectory users = UserDirectory.load(file, "eve:Engineer,modeler:" + eve + "; bob:admin:" + eve);
        assertThat(users.users()).extracting(UserAccount::name).containsExactly("ana", "eve", "bob");
        assertThat(users.find("eve").orElseThrow().roles()).containsExactly(Roles.ENGINEER, Roles.MODELER);
        assertThat(users.createFirstAdminIfNone(file)).isEmpty();
    }

    @Test
    void aBadEntryIsNamedBySourceLineAndFieldWithoutEchoingAPassword() throws Exception {
        Path file = directory.resolve("users");
        Files.write(file, List.of("ana:analyst:" + BCRYPT.encode("a"), "bob:admin:my-plain-password"));
        assertThatThrownBy(() -> UserDirectory.load(file, null))
                .hasMessageContaining(file + ":2").hasMessageContaining("user 'bob'")
                .hasMessageContaining("BCrypt hash").hasMessageNotContaining("my-plain-password");
        assertThatThrownBy(() -> UserDirectory.load(directory.resolve("none"), "ana:boss:" + BCRYPT.encode("a")))
                .hasMessageContaining(UserDirectory.ENV_USERS + ":1").hasMessageContaining("'boss'");
        assertThatThrownBy(() -> UserDirectory.load(directory.resolve("none"), "ana"))
                .hasMessageContaining("name:role[,role]:bcrypt-hash");
    }
}
