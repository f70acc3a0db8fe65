/**
 * The long CSV layout shared by the {@code forecast} command, backtests and replays: a header
 * {@code series_id,timestamp,value}, one observation per line, any number of series in any order, an empty value
 * for a missing observation, and timestamps that are ISO dates, ISO date-times or integer step indices (one kind per
 * series). {@link io.tidewise.core.csv.LongCsvReader} reads a whole file into sorted series and reports bad series
 * without dropping good ones; {@link io.tidewise.core.csv.LongCsvRowReader} streams rows;
 * {@link io.tidewise.core.csv.LongCsvWriter} writes the layout back. The RFC-4180 reader and writer underneath are
 * written here by hand, because core takes no third-party dependency beyond Jackson's annotations.
 */
package io.tidewise.core.csv;
