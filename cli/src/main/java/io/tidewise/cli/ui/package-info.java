/** {@code tidewise ui}: the web app against existing servers. */
package io.tidewise.cli.ui;
