/**
 * Evaluation of a model on the development suite: every dataset's held-out windows, the GPT beside seasonal naive,
 * ETS and Theta in the same run, and the tables a model card reports.
 */
package io.tidewise.training.suite;
