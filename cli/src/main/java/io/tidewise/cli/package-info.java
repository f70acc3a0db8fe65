/**
 * The command line behind {@code ./tidewise}: picocli verbs that parse options, wire the modules together and report
 * to the user. Verbs hold no domain logic; exit codes are in {@link io.tidewise.cli.ExitCodes}.
 */
package io.tidewise.cli;
