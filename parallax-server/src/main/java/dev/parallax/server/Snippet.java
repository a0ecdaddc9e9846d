package dev.parallax.server;

import dev.parallax.core.store.SearchHit;
import java.util.ArrayList;
import java.util.List;

/**
 * A search snippet with its match markers turned into offsets.
 *
 * @param text the passage, markers removed
 * @param matches the matched words as [start, end) offsets into {@code text}
 */
record Snippet(String text, List<int[]> matches) {
    static Snippet of(String marked) {
        StringBuilder text = new StringBuilder(marked.length());
        List<int[]> matches = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == SearchHit.MATCH_START) {
                start = text.length();
            } else if (c == SearchHit.MATCH_END && start >= 0) {
                matches.add(new int[] {start, text.length()});
                start = -1;
            } else if (c != SearchHit.MATCH_END) {
                text.append(c);
            }
        }
        return new Snippet(text.toString(), matches);
    }
}
