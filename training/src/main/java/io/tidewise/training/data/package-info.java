/**
 * The development datasets (a fixed list shipped as a resource) and the cut that keeps evaluation windows and
 * zero-shot datasets out of training.
 */
package io.tidewise.training.data;
