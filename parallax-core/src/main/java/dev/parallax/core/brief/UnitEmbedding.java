package dev.parallax.core.brief;

import dev.parallax.core.model.LayerKey;
import dev.parallax.core.model.Spanned;

/**
 * The sentence vectors of an article's brief units ({@link BriefBuilder#units}), computed at ingest's analysis phase
 * by {@link UnitEmbeddingAnnotator}: one span over the whole text. The store keeps them as the article's
 * {@link dev.parallax.core.store.Store#unitVectors}, in the transaction that saves the article, not as a layer.
 *
 * @param model the name the vectors are stored under ({@link StoryBriefs#unitVectorsName})
 * @param vectors one per unit, in unit order
 */
public record UnitEmbedding(int start, int end, String model, float[][] vectors) implements Spanned {
    public static final LayerKey<UnitEmbedding> LAYER = new LayerKey<>("brief-unit-vectors", UnitEmbedding.class);
}
