package dev.parallax.eval.pairs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/** Everything one {@link PairsEvaluation#run} measured on one pairs file. */
public record PairsReport(String dataset, List<PairsResult> results) {

    public PairsReport {
        results = List.copyOf(results);
    }

    /** The result for a subset and method, e.g. {@code ("test", "cosine")}. */
    public PairsResult result(String subset, String method) {
        return results.stream().filter(r -> r.subset().equals(subset) && r.method().equals(method)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No result for " + subset + " / " + method + " in " + dataset));
    }

    public String toJson() {
        ObjectMapper json = new ObjectMapper();
        ObjectNode o = json.createObjectNode().put("dataset", dataset);
        ArrayNode rows = o.putArray("results");
        results.forEach(r -> rows.add(r.toJson(json)));
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String toText() {
        return dataset + "\n" + results.stream().map(r -> "  " + r.toText()).collect(Collectors.joining("\n"));
    }
}
