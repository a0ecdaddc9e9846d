package dev.parallax.eval;

import dev.parallax.core.model.RawArticle;
import dev.parallax.core.pipeline.IngestReport;
import dev.parallax.core.pipeline.IngestReport.Outcome;
import dev.parallax.core.pipeline.IngestReport.Status;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.store.Store;
import dev.parallax.ingest.JsonLinesSource;
import dev.parallax.ingest.LabelledArticle;
import dev.parallax.ingest.LabelledSink;
import dev.parallax.store.SqliteStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Story clustering measured end to end: the standard pipeline (clean, annotate, dedupe, cluster, store) over a
 * labelled articles file, on a fresh temporary store, with the gold story hidden from it, scored against the gold.
 */
public final class ClusteringEvaluation {
    private ClusteringEvaluation() {}

    /**
     * Reads a labelled articles file. Every record must carry a gold story: an unlabelled or bad record is an error,
     * since scoring without it would silently measure something else.
     */
    public static List<LabelledArticle> load(Path goldFile) throws IOException {
        List<LabelledArticle> labelled = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        new JsonLinesSource(goldFile).readLabelled(new LabelledSink() {
            @Override
            public void article(LabelledArticle a) {
                if (a.story() == null) {
                    problems.add(a.article().origin() + ": no gold \"story\"");
                } else {
                    labelled.add(a);
                }
            }

            @Override
            public void rejected(String origin, String reason) {
                problems.add(origin + ": " + reason);
            }
        });
        if (!problems.isEmpty()) {
            throw new IOException(goldFile + " is not a usable gold file: " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        if (labelled.isEmpty()) {
            throw new IOException(goldFile + " holds no articles");
        }
        return labelled;
    }

    /**
     * Ingests the articles (gold labels withheld) and scores the stories made. An article the pipeline rejects or
     * finds to duplicate a stored one is scored as placed where the pipeline put it: alone, or with its copy. An
     * article counts in the story it ends in: one whose story was later merged into another is in that other, one whose
     * group later split off is in the new story.
     */
    public static ClusteringScores evaluate(List<LabelledArticle> labelled, IntConsumer progress) {
        List<RawArticle> batch = labelled.stream().map(LabelledArticle::article).toList();
        Map<String, String> gold = new HashMap<>();
        Map<String, String> predicted = new HashMap<>();
        try (Store store = SqliteStore.temporary()) {
            IngestReport report = Pipelines.standard(store).ingest(batch, progress);
            for (int i = 0; i < labelled.size(); i++) {
                String id = batch.get(i).id();
                Outcome o = report.outcomes().get(i);
                gold.put(id, labelled.get(i).story());
                // the story the article (or its stored copy) is in now: merges and splits since it was placed moved it
                String stored = o.status() == Status.STORED ? id : o.status() == Status.DUPLICATE ? o.detail() : null;
                predicted.put(id, stored == null ? "rejected:" + id
                        : store.storyOf(stored).orElseThrow(() -> new IllegalStateException(
                                "article '" + stored + "' was stored without a story")));
            }
        }
        return ClusteringMetrics.score(gold, predicted);
    }
}
