/** The model registry for modelers: versions, evaluations, cards, promotion. */
package io.tidewise.ui.models;
