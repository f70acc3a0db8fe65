/** Stream definitions: their state, a form with live preview through the job's mapping code, saving to streams/. */
package io.tidewise.ui.streams;
