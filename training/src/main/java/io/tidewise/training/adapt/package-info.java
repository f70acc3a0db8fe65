/**
 * Adaptation of the decoder stack to series, with either tokenizer, from language-pretrained blocks or from random
 * initialisation, fully or with attention and MLP frozen.
 */
package io.tidewise.training.adapt;
