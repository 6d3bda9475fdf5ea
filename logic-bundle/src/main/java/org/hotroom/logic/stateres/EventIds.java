package org.hotroom.logic.stateres;

import java.util.Comparator;

/**
 * The order of event IDs in the spec's tie-breaks ("x's event_id is less than y's event_id"): by
 * Unicode code point, which is also the byte order of their UTF-8 (and what Synapse's Python
 * strings and ruma's Rust strings compare). {@link String#compareTo} compares UTF-16 units and
 * differs for characters beyond U+FFFF; event IDs of room versions 3+ are ASCII anyway.
 */
public final class EventIds {

    /** Code point order. */
    public static final Comparator<String> ORDER = EventIds::compare;

    private EventIds() {}

    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx == sy) {
                    return x - y; // same plane class: UTF-16 order is code point order
                }
                return sx ? 1 : -1; // a surrogate (U+10000 and up) is above any BMP character
            }
        }
        return a.length() - b.length();
    }
}
