/** The {@code demo} verb: the forecast demo on the shipped sample data, with its SVG chart; no servers needed. */
package io.tidewise.cli.demo;
