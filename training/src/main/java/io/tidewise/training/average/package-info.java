/**
 * Weight averaging of checkpoints of one architecture ("model soups", Wortsman et al., 2022): a cheap way to combine
 * runs that continued the same model, whose parameters lie in one basin.
 */
package io.tidewise.training.average;
