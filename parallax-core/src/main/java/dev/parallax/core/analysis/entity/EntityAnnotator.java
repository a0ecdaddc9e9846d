package dev.parallax.core.analysis.entity;

import dev.parallax.core.analysis.Annotator;
import dev.parallax.core.model.Article;
import java.util.List;

/**
 * Adds the {@link Mention#LAYER}: person, organisation, place and other names in the clean text, each with its
 * in-document entity ({@link Entity#in}) and any role the text gives it. Rules and compact gazetteers: capitalised
 * sequences with sentence-initial ordinary words dropped, titles and role nouns, organisation, place and event words,
 * acronyms in parentheses, in-document evidence for typing and alias chains; a small linear model types the names
 * the rules leave open. See the package notes.
 */
public final class EntityAnnotator implements Annotator {
    private final MentionFinder finder = new MentionFinder(TypeModel.SHIPPED);

    @Override
    public Article annotate(Article article) {
        return article.with(Mention.LAYER, mentions(article.text()));
    }

    /** The mentions of any text (an article body, a removed caption), linked into in-document entities. */
    public List<Mention> mentions(String text) {
        return AliasChains.link(text, finder.find(text));
    }
}
