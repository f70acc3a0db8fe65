/**
 * A JUnit 5 fixture running a real {@code influxd} for tests, published in store's test-jar so streaming and ui
 * tests reuse it: depend on {@code tidewise-store} with {@code <type>test-jar</type>} and {@code test} scope.
 */
package io.tidewise.store.testing;
