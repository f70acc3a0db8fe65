/**
 * Seeded synthetic series for adaptation training, in the spirit of Chronos' KernelSynth (Ansari et al., 2024):
 * random combinations, additive or multiplicative, of trends, several seasonalities, autoregressive noise and
 * regime changes, at the frequencies of real data. See {@link
 * io.tidewise.training.synthetic.SyntheticSeriesGenerator}.
 */
package io.tidewise.training.synthetic;
