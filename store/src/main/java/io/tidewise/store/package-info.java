/**
 * All InfluxDB I/O of Tidewise: the schema of ARCHITECTURE.md ({@link io.tidewise.store.InfluxSchema}), the
 * connection and database creation ({@link io.tidewise.store.InfluxStore}), batched writes that block instead of
 * dropping points ({@link io.tidewise.store.InfluxWriter}) and the InfluxQL queries the UI and training need
 * ({@link io.tidewise.store.InfluxQueries}).
 *
 * <p>The public API speaks core types and small records of this package; the InfluxDB client's own types never
 * leave it, so no other module depends on the client (ARCHITECTURE.md: "Nothing else imports the InfluxDB client").
 * The v1 HTTP API is used because Debian's InfluxDB 1.6 serves nothing else, and 1.8, 2.x and 3.x serve it too.
 */
package io.tidewise.store;
