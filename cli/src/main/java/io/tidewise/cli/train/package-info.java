/** The {@code train} verbs: option parsing and reporting over the training module, no training logic here. */
package io.tidewise.cli.train;
