/** Who may use the app: users from a file or the environment, roles, login and the security configuration. */
package io.tidewise.ui.security;
