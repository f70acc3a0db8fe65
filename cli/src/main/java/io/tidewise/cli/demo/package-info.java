/** The {@code run} verb: for now the forecast demo on the shipped sample data, with its SVG chart. */
package io.tidewise.cli.demo;
