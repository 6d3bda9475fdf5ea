package org.hotroom.logic.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

// Spec: client-server API, "Filtering"; definitions/event_filter and room_event_filter.

/**
 * An {@code EventFilter} or {@code RoomEventFilter} as {@code /sync} and {@code /messages} apply
 * it. The filter was validated before (upload, or {@code FilterHandler.validate}), so fields have
 * the right types here.
 *
 * <ul>
 *   <li>{@code types}, {@code not_types}: event types; {@code *} matches any run of characters;
 *       {@code not_types} wins; an empty {@code types} matches nothing.</li>
 *   <li>{@code senders}, {@code not_senders}, {@code rooms}, {@code not_rooms}: exact IDs, the
 *       {@code not_} list wins.</li>
 *   <li>{@code contains_url}: true keeps only events whose content has a {@code url}, false only
 *       those without.</li>
 *   <li>{@code limit}: the caller's default when absent; one beyond a long is as large as any.</li>
 *   <li>{@code lazy_load_members}, {@code include_redundant_members}: read by the endpoints.</li>
 * </ul>
 */
public final class EventFilter {

    /** Lets everything through. */
    public static final EventFilter ALL = new EventFilter(null, null, null, null, null, null, null, -1, false, false);

    private final List<String> types;
    private final List<String> notTypes;
    private final List<String> senders;
    private final List<String> notSenders;
    private final List<String> rooms;
    private final List<String> notRooms;
    private final Boolean containsUrl;
    private final long limit;
    private final boolean lazyLoadMembers;
    private final boolean includeRedundantMembers;

    private EventFilter(List<String> types, List<String> notTypes, List<String> senders, List<String> notSenders,
                        List<String> rooms, List<String> notRooms, Boolean containsUrl, long limit,
                        boolean lazyLoadMembers, boolean includeRedundantMembers) {
        this.types = types;
        this.notTypes = notTypes;
        this.senders = senders;
        this.notSenders = notSenders;
        this.rooms = rooms;
        this.notRooms = notRooms;
        this.containsUrl = containsUrl;
        this.limit = limit;
        this.lazyLoadMembers = lazyLoadMembers;
        this.includeRedundantMembers = includeRedundantMembers;
    }

    /** The filter in {@code node}; {@link #ALL} when it is null or not an object. */
    public static EventFilter of(JsonNode node) {
        if (!(node instanceof ObjectNode o)) {
            return ALL;
        }
        JsonNode url = o.get("contains_url");
        JsonNode limit = o.get("limit");
        return new EventFilter(strings(o, "types"), strings(o, "not_types"), strings(o, "senders"),
                strings(o, "not_senders"), strings(o, "rooms"), strings(o, "not_rooms"),
                url != null && url.isBoolean() ? url.booleanValue() : null,
                limit == null || !limit.isIntegralNumber() ? -1 : limit.canConvertToLong() ? limit.longValue() : Long.MAX_VALUE,
                bool(o, "lazy_load_members"), bool(o, "include_redundant_members"));
    }

    /** {@code limit}, or {@code absent} when the filter has none; never more than {@code max}. */
    public int limit(int absent, int max) {
        return (int) Math.min(limit < 0 ? absent : limit, max);
    }

    public boolean lazyLoadMembers() {
        return lazyLoadMembers;
    }

    public boolean includeRedundantMembers() {
        return includeRedundantMembers;
    }

    /** Whether events of room {@code roomId} may pass. */
    public boolean allowsRoom(String roomId) {
        return (notRooms == null || !notRooms.contains(roomId)) && (rooms == null || rooms.contains(roomId));
    }

    /** Whether an event of {@code type} may pass the type lists. */
    public boolean allowsType(String type) {
        if (notTypes != null) {
            for (String p : notTypes) {
                if (matches(p, type)) {
                    return false;
                }
            }
        }
        if (types == null) {
            return true;
        }
        for (String p : types) {
            if (matches(p, type)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a room event may pass (rooms are checked separately, by {@link #allowsRoom}). */
    public boolean allows(String type, String sender, JsonNode content) {
        return allowsTypeAndSender(type, sender) && allowsContent(content);
    }

    /** The type and sender lists ({@code sender} null: not checked). */
    public boolean allowsTypeAndSender(String type, String sender) {
        if (!allowsType(type)) {
            return false;
        }
        if (sender != null) {
            if (notSenders != null && notSenders.contains(sender)) {
                return false;
            }
            return senders == null || senders.contains(sender);
        }
        return true;
    }

    /** Whether {@link #allowsContent} looks at the content at all. */
    public boolean needsContent() {
        return containsUrl != null;
    }

    /** {@code contains_url}. */
    public boolean allowsContent(JsonNode content) {
        if (containsUrl == null) {
            return true;
        }
        boolean hasUrl = content instanceof ObjectNode c && c.has("url");
        return hasUrl == containsUrl;
    }

    /** Glob matching where {@code *} stands for any run of characters (possibly empty). */
    static boolean matches(String pattern, String value) {
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(value);
        }
        int p = 0;
        int v = 0;
        int star = -1;
        int mark = 0;
        while (v < value.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                mark = v;
            } else if (p < pattern.length() && pattern.charAt(p) == value.charAt(v)) {
                p++;
                v++;
            } else if (star >= 0) {
                p = star + 1;
                v = ++mark;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static List<String> strings(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>(v.size());
        for (JsonNode s : v) {
            if (s.isTextual()) {
                out.add(s.textValue());
            }
        }
        return List.copyOf(out);
    }

    private static boolean bool(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        return v != null && v.isBoolean() && v.booleanValue();
    }
}
