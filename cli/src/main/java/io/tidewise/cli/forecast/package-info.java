/**
 * The {@code forecast} verb: its options, the CSV it writes (a contract other tools read) and the job that turns a
 * long CSV of contexts into forecasts with a loaded model.
 */
package io.tidewise.cli.forecast;
