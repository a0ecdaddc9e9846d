package dev.parallax.ingest;

import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.Source;
import dev.parallax.core.pipeline.SourceSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Collects what a source delivers, in order, and checks that every rejection is one line. */
final class Recorder implements SourceSink, LabelledSink {
    final List<RawArticle> articles = new ArrayList<>();
    final List<LabelledArticle> labelled = new ArrayList<>();
    /** Each rejection as "origin: reason". */
    final List<String> rejections = new ArrayList<>();
    /** Each skipped note as "origin: what". */
    final List<String> skipped = new ArrayList<>();

    static Recorder read(Source source) throws IOException {
        Recorder r = new Recorder();
        source.read(r);
        return r;
    }

    static Recorder readLabelled(JsonLinesSource source) throws IOException {
        Recorder r = new Recorder();
        source.readLabelled(r);
        return r;
    }

    @Override
    public void article(RawArticle article) {
        articles.add(article);
    }

    @Override
    public void article(LabelledArticle article) {
        labelled.add(article);
        articles.add(article.article());
    }

    @Override
    public void rejected(String origin, String reason) {
        if (reason.isBlank() || reason.contains("\n") || reason.contains("\r") || origin.isBlank()) {
            throw new AssertionError("a rejection must be one non-empty line: " + origin + ": " + reason);
        }
        rejections.add(origin + ": " + reason);
    }

    @Override
    public void skipped(String origin, String what) {
        if (what.isBlank() || what.contains("\n")) {
            throw new AssertionError("a skipped note must be one non-empty line: " + origin + ": " + what);
        }
        skipped.add(origin + ": " + what);
    }

    List<String> ids() {
        return articles.stream().map(RawArticle::id).toList();
    }
}
