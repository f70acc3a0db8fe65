/** The frame around every view: navigation by role, language, logout. */
package io.tidewise.ui.layout;
