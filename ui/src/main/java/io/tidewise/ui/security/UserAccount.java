package io.tidewise.ui.security;

import java.util.List;

/**
 * One user of the app.
 *
 * @param name         the login name
 * @param roles        bare role names of {@link Roles}
 * @param passwordHash the BCrypt hash of the password, never the password
 */
public record UserAccount(String name, List<String> roles, String passwordHash) {
    public UserAccount {
        roles = List.copyOf(roles);
    }

    @Override
    public String toString() {
        return "UserAccount[name=" + name + ", roles=" + roles + "]";
    }
}
