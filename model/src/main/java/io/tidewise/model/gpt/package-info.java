/**
 * The decoder-only GPT written with DJL blocks, in nanoGPT's reading order: {@link io.tidewise.model.gpt.GptConfig},
 * {@link io.tidewise.model.gpt.CausalSelfAttention}, {@link io.tidewise.model.gpt.Mlp},
 * {@link io.tidewise.model.gpt.DecoderBlock}, {@link io.tidewise.model.gpt.DecoderStack}, the embeddings and heads,
 * and {@link io.tidewise.model.gpt.Gpt} which puts them together. Dimension letters are defined once, on
 * {@link io.tidewise.model.gpt.Gpt}. The network never imports training code.
 */
package io.tidewise.model.gpt;
