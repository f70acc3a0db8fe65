/** The {@code models} verbs over the model registry. */
package io.tidewise.cli.models;
