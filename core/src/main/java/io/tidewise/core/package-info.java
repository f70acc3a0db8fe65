/**
 * The shared vocabulary of Tidewise: what every module says when it talks about series, observations,
 * frequencies, forecasts and streams. Every type validates on construction and names the field and the value
 * that broke it, so a bad value is stopped where it enters, not three modules later.
 */
package io.tidewise.core;
