/**
 * Stream definitions as data engineers write them: {@link io.tidewise.ingest.definition.StreamDefinitionLoader}
 * reads and validates {@code streams/*.yaml} into core {@link io.tidewise.core.StreamDefinition}s, reporting the
 * file, key and problem of anything wrong; {@link io.tidewise.ingest.definition.StreamCatalog} holds them by name.
 */
package io.tidewise.ingest.definition;
