/** The Tidewise web app (Vaadin on Spring Boot): its entry points; each view and its service in a package below. */
package io.tidewise.ui;
