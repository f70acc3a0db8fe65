/**
 * How a series window and a text become the integer or real-valued tokens the GPT reads, and how its outputs become
 * numbers in original units again. The design copies Chronos' {@code MeanScaleUniformBins}: a tokenizer is a
 * contract with three verbs (context in, labels in, output back) and the scale travels explicitly as state.
 *
 * <p>Terms used throughout the package:
 * <ul>
 *   <li><b>scale</b> ({@link io.tidewise.model.tokenize.Scale}): a center and a scale measured on the observed
 *       values of the kept context window; {@code scaled = (raw - center) / scale}. Patch tokens standardise (mean
 *       and standard deviation, {@link io.tidewise.model.tokenize.StandardScaler}); bin tokens use Chronos' mean of
 *       |x| without centring ({@link io.tidewise.model.tokenize.MeanAbsScaler}). A window with nothing to measure
 *       (all zero, all missing) gets scale 1, so every forecast stays finite. The labels and outputs of a window
 *       are scaled with the scale of its context, never their own.</li>
 *   <li><b>missing</b>: {@code NaN} or an infinite value. It never becomes a silent zero: patch tokens carry a mask,
 *       bin tokens carry {@link io.tidewise.model.tokenize.Vocabulary#MISSING}, bin labels carry
 *       {@link io.tidewise.model.tokenize.BinTokenizer#IGNORE_LABEL}.</li>
 *   <li><b>P</b>, the patch length: P consecutive scaled values and their mask form one patch token
 *       ({@link io.tidewise.model.tokenize.PatchTokenizer}, the default, 16).</li>
 *   <li><b>mask</b>: one float per patch position, 1 where a value was observed, 0 where it was missing or is
 *       padding (a context is left-padded to a multiple of P, labels are right-padded).</li>
 *   <li><b>B</b>, the bin count: scaled values are cut into B uniform bins over [low, high] (Chronos: 4094 bins
 *       over [-15, 15]); values outside fall into the edge bins ({@link io.tidewise.model.tokenize.BinTokenizer}).</li>
 *   <li><b>vocabulary</b> ({@link io.tidewise.model.tokenize.Vocabulary}): the one embedding table shared by text
 *       and bins: 256 byte ids, four special ids, then B bin ids.</li>
 * </ul>
 */
package io.tidewise.model.tokenize;
