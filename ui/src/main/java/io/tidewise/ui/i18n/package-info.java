/** Labels in English and Simplified Chinese from resource bundles, through Vaadin's I18NProvider. */
package io.tidewise.ui.i18n;
