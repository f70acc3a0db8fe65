/** The web app's own metrics (Micrometer, served by Spring Boot's actuator). */
package io.tidewise.ui.metrics;
