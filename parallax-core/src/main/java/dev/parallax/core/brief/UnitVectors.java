package dev.parallax.core.brief;

/**
 * Where a {@link BriefBuilder} keeps the sentence vectors of each article's units, so that an article is embedded
 * once, not again by every build of its story in every process. Articles are never edited once stored, so an
 * article's units, and their vectors, do not change.
 */
public interface UnitVectors {
    /** The vectors of the article's units in unit order, or null when none are kept for that many units. */
    float[][] find(String articleId, int units);

    void keep(String articleId, float[][] vectors);

    /** Keeps nothing: every builder embeds its articles itself. */
    UnitVectors NONE = new UnitVectors() {
        @Override
        public float[][] find(String articleId, int units) {
            return null;
        }

        @Override
        public void keep(String articleId, float[][] vectors) {}
    };
}
