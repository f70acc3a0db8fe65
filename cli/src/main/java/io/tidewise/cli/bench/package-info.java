/** The {@code bench} verb: throughput measurements printed beside a baseline measured in the same run. */
package io.tidewise.cli.bench;
