/** Language pretraining: UTF-8 text corpora as bytes, next-byte loss, held-out bits per byte. */
package io.tidewise.training.pretrain;
