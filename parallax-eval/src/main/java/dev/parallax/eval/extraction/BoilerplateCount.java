package dev.parallax.eval.extraction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parallax.core.model.Article;
import dev.parallax.core.model.InvalidArticleException;
import dev.parallax.core.model.RawArticle;
import dev.parallax.core.model.Removal;
import dev.parallax.core.pipeline.Pipelines;
import dev.parallax.core.text.Cleaner;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the cleaner removes from a corpus as page furniture, the corpus cleaned as one batch as {@code parallax
 * ingest} cleans it: there is no gold for furniture in plain text, so this is the count to read.
 *
 * @param articles the articles cleaned
 * @param touched  the articles that lost a paragraph as furniture
 * @param byReason per reason ("page furniture", "page template text"): each removed text and how often
 */
public record BoilerplateCount(int articles, int touched, Map<String, Map<String, Integer>> byReason) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static BoilerplateCount of(List<RawArticle> corpus) {
        Cleaner cleaner = Pipelines.cleaner().forBatch(corpus);
        Map<String, Map<String, Integer>> byReason = new TreeMap<>();
        int touched = 0;
        for (RawArticle raw : corpus) {
            Article a;
            try {
                a = cleaner.clean(raw);
            } catch (InvalidArticleException e) {
                continue; // the pipeline rejects it too
            }
            boolean any = false;
            for (Removal r : a.removals()) {
                if (r.kind() == Removal.Kind.BOILERPLATE) {
                    byReason.computeIfAbsent(r.reason(), k -> new HashMap<>()).merge(r.text(), 1, Integer::sum);
                    any = true;
                }
            }
            touched += any ? 1 : 0;
        }
        return new BoilerplateCount(corpus.size(), touched, byReason);
    }

    /** {@code {"articles","touched","reasons":{REASON:{"removed","distinct","top":[{"text","count"}]}}}}. */
    public String toJson(int top) {
        ObjectNode root = JSON.createObjectNode().put("articles", articles).put("touched", touched);
        ObjectNode reasons = root.putObject("reasons");
        byReason.forEach((reason, texts) -> {
            ObjectNode r = reasons.putObject(reason).put("removed", total(texts)).put("distinct", texts.size());
            ArrayNode list = r.putArray("top");
            ranked(texts, top).forEach(e -> list.addObject().put("text", e.getKey()).put("count", e.getValue()));
        });
        return root.toPrettyString();
    }

    public String toText(int top) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%d articles, %d lost page furniture%n",
                articles, touched));
        byReason.forEach((reason, texts) -> {
            out.append(String.format(Locale.ROOT, "%s: %d removed, %d distinct%n", reason, total(texts),
                    texts.size()));
            ranked(texts, top).forEach(e -> out.append(String.format(Locale.ROOT, "  %6d  %s%n", e.getValue(),
                    e.getKey().length() > 100 ? e.getKey().substring(0, 100) + "…" : e.getKey())));
        });
        return out.toString().stripTrailing();
    }

    private static int total(Map<String, Integer> texts) {
        return texts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static List<Map.Entry<String, Integer>> ranked(Map<String, Integer> texts, int top) {
        return texts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(top).toList();
    }
}
