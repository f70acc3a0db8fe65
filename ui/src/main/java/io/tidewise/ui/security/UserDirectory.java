package io.tidewise.ui.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The users of the app, from a users file and the {@value #ENV_USERS} environment variable. Both hold one user per
 * line (the variable may separate users with {@code ;}): {@code name:role[,role]:bcrypt-hash}, e.g.
 * {@code ana:analyst:$2a$10$...}; {@code #} starts a comment. A user defined in the environment replaces one of the
 * same name in the file. Passwords are only ever stored as BCrypt hashes; no user ships with the app.
 *
 * <p>On the first run (no users anywhere) {@link #createFirstAdminIfNone} makes user {@code admin} with a random
 * password, writes only its hash to the users file (readable by its owner only) and hands the password back once.
 */
public final class UserDirectory {
    /** Users in the environment, same layout as the file. */
    public static final String ENV_USERS = "TIDEWISE_UI_USERS";
    public static final String FIRST_ADMIN = "admin";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    private static final int GENERATED_PASSWORD_BYTES = 15; // 20 characters of base64url

    private final Map<String, UserAccount> users;

    private UserDirectory(Map<String, UserAccount> users) {
        this.users = users;
    }

    /**
     * Reads the users file (absent is fine: no users there) and then the environment's users.
     *
     * @param environmentUsers the value of {@value #ENV_USERS}, or null
     * @throws IllegalArgumentException naming the source, the line and the problem for a malformed entry
     */
    public static UserDirectory load(Path usersFile, String environmentUsers) {
        Map<String, UserAccount> users = new LinkedHashMap<>();
        if (Files.isRegularFile(usersFile)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(usersFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the users file " + usersFile, e);
            }
            parseInto(users, lines, usersFile.toString());
        }
        if (environmentUsers != null && !environmentUsers.isBlank()) {
            parseInto(users, Arrays.asList(environmentUsers.split("[;\n]")), ENV_USERS);
        }
        return new UserDirectory(users);
    }

    private static void parseInto(Map<String, UserAccount> users, List<String> lines, String source) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            UserAccount account = parseLine(line, source + ":" + (i + 1));
            users.put(account.name(), account);
        }
    }

    /** One {@code name:role[,role]:bcrypt-hash} entry; {@code where} names its source and line in errors. */
    static UserAccount parseLine(String line, String where) {
        String[] parts = line.split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException(where + ": a user must be name:role[,role]:bcrypt-hash, was a line"
                    + " with " + parts.length + " field(s)");
        }
        String name = parts[0].strip();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + ": user name must be 1-64 letters, digits, '.', '_', '@' or"
                    + " '-', was '" + name + "'");
        }
        List<String> roles = new ArrayList<>();
        for (String role : parts[1].split(",")) {
            try {
                roles.add(Roles.parse(role));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": user '" + name + "': " + e.getMessage(), e);
            }
        }
        String hash = parts[2].strip();
        if (!BCRYPT.matcher(hash).matches()) {
            // never echo the value: it may be a password typed where its hash belongs
            throw new IllegalArgumentException(where + ": user '" + name + "': password must be a BCrypt hash"
                    + " ($2a$10$ followed by 53 characters), was " + hash.length() + " characters that are not one");
        }
        return new UserAccount(name, roles, hash);
    }

    /**
     * On a first run, when no user is defined anywhere, creates {@value #FIRST_ADMIN} with a random password, stores
     * its BCrypt hash in {@code usersFile} (owner read/write only) and returns the password: the only time it is
     * ever seen. Returns empty when users exist.
     */
    public synchronized Optional<String> createFirstAdminIfNone(Path usersFile) {
        if (!users.isEmpty()) {
            return Optional.empty();
        }
        byte[] random = new byte[GENERATED_PASSWORD_BYTES];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        UserAccount admin = new UserAccount(FIRST_ADMIN, List.of(Roles.ADMIN),
                new BCryptPasswordEncoder().encode(password));
        try {
            writeNewUsersFile(usersFile, "# Tidewise web app users: name:role[,role]:bcrypt-hash (roles: analyst,"
                    + " engineer, modeler, admin)\n" + line(admin) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the first admin user to the users file " + usersFile, e);
        }
        users.put(admin.name(), admin);
        return Optional.of(password);
    }

    /** The users file line of an account. */
    public static String line(UserAccount account) {
        return account.name() + ":" + String.join(",", account.roles()).toLowerCase(java.util.Locale.ROOT) + ":"
                + account.passwordHash();
    }

    private static void writeNewUsersFile(Path usersFile, String content) throws IOException {
        Path directory = usersFile.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, ".users", ".partial");
        try {
            try {
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // a file system without POSIX permissions (Windows): the directory's own protection applies
            }
            Files.writeString(partial, content, StandardCharsets.UTF_8);
            if (Files.exists(usersFile)) {
                throw new FileAlreadyExistsException(usersFile.toString(), null,
                        "holds no users; add one (name:role:bcrypt-hash) instead of overwriting it");
            }
            Files.move(partial, usersFile, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    public synchronized Optional<UserAccount> find(String name) {
        return Optional.ofNullable(users.get(name));
    }

    public synchronized List<UserAccount> users() {
        return List.copyOf(users.values());
    }
}
