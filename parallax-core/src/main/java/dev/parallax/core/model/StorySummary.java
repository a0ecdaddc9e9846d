package dev.parallax.core.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What a story list shows.
 *
 * @param id stable story id
 * @param articleCount how many articles it holds
 * @param outlets its outlets, most articles first
 * @param first earliest publication (null if no article is dated)
 * @param last latest publication (null if no article is dated)
 * @param title the headline of its earliest article
 */
public record StorySummary(String id, int articleCount, List<Outlet> outlets, Published first, Published last,
        String title) {
    public StorySummary {
        outlets = List.copyOf(outlets);
    }

    /**
     * What every interface shows of a story as JSON ({@code parallax stories --json}, {@code parallax story ID --format
     * json}, the REST API): {id, title, articleCount, outlets, first, last}.
     */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("id", id);
        n.put("title", title);
        n.put("articleCount", articleCount);
        ArrayNode names = n.putArray("outlets");
        outlets.forEach(o -> names.add(o.name()));
        n.put("first", first == null ? null : first.toString());
        n.put("last", last == null ? null : last.toString());
        return n;
    }
}
