package dev.parallax.core.model;

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
}
