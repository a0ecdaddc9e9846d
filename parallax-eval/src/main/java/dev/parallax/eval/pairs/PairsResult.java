package dev.parallax.eval.pairs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/**
 * Figures for one subset of a pairs file under one scoring method. Metrics that do not apply (e.g. F1 for graded
 * similarity) are null and left out of the JSON.
 */
public record PairsResult(String subset, String method, int pairs, Double pearson, Double spearman, Double f1,
                          Double accuracy, Double threshold) {

    public static PairsResult correlation(String subset, String method, int pairs, double pearson, double spearman) {
        return new PairsResult(subset, method, pairs, pearson, spearman, null, null, null);
    }

    public static PairsResult classification(String subset, String method, int pairs, double f1, double accuracy,
                                             double threshold) {
        return new PairsResult(subset, method, pairs, null, null, f1, accuracy, threshold);
    }

    /** {"subset":..,"method":..,"pairs":n,"pearson":x,"spearman":x,"f1":x,"accuracy":x,"threshold":x}, defined fields only. */
    public ObjectNode toJson(ObjectMapper json) {
        ObjectNode o = json.createObjectNode();
        o.put("subset", subset).put("method", method).put("pairs", pairs);
        putIfDefined(o, "pearson", pearson);
        putIfDefined(o, "spearman", spearman);
        putIfDefined(o, "f1", f1);
        putIfDefined(o, "accuracy", accuracy);
        putIfDefined(o, "threshold", threshold);
        return o;
    }

    private static void putIfDefined(ObjectNode o, String key, Double value) {
        if (value != null) {
            o.put(key, value);
        }
    }

    /** One line for people, e.g. {@code test (1725 pairs), cosine: F1 0.8123  accuracy 0.7311  threshold 0.8012}. */
    public String toText() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-28s %-15s", subset + " (" + pairs + ")", method));
        if (pearson != null) {
            s.append(String.format(Locale.ROOT, "  Pearson %.4f  Spearman %.4f", pearson, spearman));
        }
        if (f1 != null) {
            s.append(String.format(Locale.ROOT, "  F1 %.4f  accuracy %.4f  threshold %.4f", f1, accuracy, threshold));
        }
        return s.toString();
    }
}
