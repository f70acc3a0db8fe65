/** Retraining from the web app: adapt a registered model in the background, evaluate, register the new version. */
package io.tidewise.ui.retrain;
