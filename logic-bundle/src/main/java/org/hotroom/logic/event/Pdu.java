package org.hotroom.logic.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hotroom.logic.json.CanonicalJson.CanonicalJsonException;
import org.hotroom.logic.json.JsonRejectedException;
import org.hotroom.logic.json.StrictJson;
import org.hotroom.logic.room.EventFormat;
import org.hotroom.logic.room.RoomVersion;

/**
 * A persistent data unit (a room event in its federation format), validated against the event
 * format of its room version, as a typed view over the exact JSON it came as.
 *
 * <p>The view never rewrites the event: it keeps the JSON tree (and the bytes, when parsed from
 * bytes) and reads fields from it. Hashes and IDs are computed from that tree. A {@code Pdu} owns
 * its tree: {@link #fromJson} takes it over, and nobody may modify it afterwards.
 *
 * <p>What is checked (server-server API "Checks performed on receipt of a PDU", step 1: "it must
 * comply with the event format of that room version"; the schemas
 * api/server-server/definitions/pdu_v1, pdu_v3, pdu_v4, pdu_v6 (with components/depth_v6),
 * pdu_v11 and pdu_v12; client-server API "Size limits"; appendices "Identifier Grammar"):
 * <ul>
 *   <li>required: {@code type}, {@code sender}, {@code content}, {@code depth},
 *       {@code origin_server_ts}, {@code prev_events}, {@code auth_events}, {@code hashes} (with a
 *       string {@code sha256}), {@code signatures} (server name to key ID to string), and
 *       {@code room_id}, except on a v12 {@code m.room.create} event, where it is "omitted" (one
 *       that has it anyway is left to the auth rules, which reject it: rooms/v12 rule 1.2);</li>
 *   <li>{@code event_id}: required in v1 and v2; from v3 "the event_id field is no longer
 *       included" (rooms/v3 "Event format") and an event that has one is refused, since it would
 *       name the event by an ID that is not its own;</li>
 *   <li>{@code type} and {@code state_key} at most 255 bytes; {@code sender} a user ID (historical
 *       grammar accepted), {@code room_id} a room ID and every event ID of the room version's
 *       format, each at most 255 bytes;</li>
 *   <li>{@code prev_events} at most 20 and {@code auth_events} at most 10 entries, plain event IDs
 *       from v3, {@code [event_id, {"sha256": ...}]} pairs in v1 and v2;</li>
 *   <li>{@code depth} an integer in [0, 2^63-1] (v1 to v5) or [0, 2^53-1] (v6 and later);
 *       {@code origin_server_ts} an integer; {@code unsigned} an object if present; the
 *       top-level {@code redacts} an event ID if present (v1 to v10);</li>
 *   <li>from v6, every number in the event a canonical JSON integer (fragment v6-canonical-json);</li>
 *   <li>the whole event at most 65536 bytes "when formatted with the federation event format,
 *       including any signatures, and encoded as Canonical JSON" (client-server API "Size limits").</li>
 * </ul>
 * Other top-level keys are allowed (the schemas do not forbid them) and are covered by the content
 * hash. What an event means (auth rules, content schemas of event types) is not checked here.
 *
 * <p>{@link #draft} checks an event that is not signed yet: {@code hashes} may be missing or
 * anything (it is about to be recomputed), {@code signatures} may be missing.
 */
public final class Pdu {

    /** Client-server API "Size limits": the complete event, as canonical JSON. */
    public static final int MAX_PDU_BYTES = 65536;
    /** "Must contain less than or equal to 20 events." */
    public static final int MAX_PREV_EVENTS = 20;
    /** "Must contain less than or equal to 10 events." */
    public static final int MAX_AUTH_EVENTS = 10;
    /** "{@code type} MUST NOT exceed 255 bytes", likewise {@code state_key}. */
    public static final int MAX_TYPE_BYTES = 255;
    public static final int MAX_STATE_KEY_BYTES = 255;

    public static final String CREATE = "m.room.create";

    private final RoomVersion version;
    private final ObjectNode json;
    private final boolean draft;
    private final byte[] received;
    private final byte[] canonical;
    private final String type;
    private final String stateKey;
    private final String sender;
    private final String roomIdField;
    private final String eventIdField;
    private final String redactsField;
    private final long depth;
    private final long originServerTs;
    private final List<String> prevEvents;
    private final List<String> authEvents;

    // computed on first use; every computation is deterministic, so racing threads agree
    private volatile byte[] referenceHash;
    private volatile byte[] contentHash;
    private volatile String eventId;

    private Pdu(RoomVersion version, ObjectNode json, byte[] received, boolean draft) {
        this.version = version;
        this.json = json;
        this.draft = draft;
        this.received = received;
        Validator v = new Validator(version, json, draft);
        this.type = v.type;
        this.stateKey = v.stateKey;
        this.sender = v.sender;
        this.roomIdField = v.roomId;
        this.eventIdField = v.eventId;
        this.redactsField = v.redacts;
        this.depth = v.depth;
        this.originServerTs = v.originServerTs;
        this.prevEvents = v.prevEvents;
        this.authEvents = v.authEvents;
        this.canonical = v.canonical;
    }

    /**
     * Parses and validates a received event. Bytes that are not strict JSON (duplicate keys, lone
     * surrogates, bad UTF-8 ...: {@link StrictJson}) are refused like an invalid event.
     */
    public static Pdu parse(RoomVersion version, byte[] bytes) {
        ObjectNode tree;
        try {
            tree = StrictJson.parseObject(bytes);
        } catch (JsonRejectedException e) {
            throw new InvalidEventException(null, "event is not acceptable JSON: " + e.getMessage(), e);
        }
        return new Pdu(version, tree, bytes.clone(), false);
    }

    /** Validates a received event already parsed (by {@link StrictJson}); the view takes over {@code json}. */
    public static Pdu fromJson(RoomVersion version, ObjectNode json) {
        return new Pdu(version, json, null, false);
    }

    /**
     * Validates an event that is being built: like {@link #fromJson}, except that {@code hashes} is
     * not looked at and {@code signatures} may be absent.
     */
    public static Pdu draft(RoomVersion version, ObjectNode json) {
        return new Pdu(version, json, null, true);
    }

    public RoomVersion version() {
        return version;
    }

    /** The event as received. Do not modify it. */
    public ObjectNode json() {
        return json;
    }

    /** The bytes the event was parsed from, or its canonical encoding when it was given as a tree. */
    public byte[] bytes() {
        return (received != null ? received : canonical).clone();
    }

    /** The event in canonical JSON (of its room version: see {@link EventJson}). */
    public byte[] canonicalBytes() {
        return canonical.clone();
    }

    /** The size the spec limits: the canonical encoding of the complete event. */
    public int canonicalSize() {
        return canonical.length;
    }

    public String type() {
        return type;
    }

    /** The state key, or null for a non-state event. */
    public String stateKey() {
        return stateKey;
    }

    public boolean isState() {
        return stateKey != null;
    }

    /** True for {@code m.room.create} with state key {@code ""}. */
    public boolean isCreateEvent() {
        return CREATE.equals(type) && "".equals(stateKey);
    }

    public String sender() {
        return sender;
    }

    /** The server name of the sender. */
    public String senderServer() {
        return Identifiers.domainOf(sender);
    }

    /**
     * The room this event belongs to: its {@code room_id}, or for an {@code m.room.create} event of
     * room v12, the room ID its own event ID makes (appendices "Room IDs").
     */
    public String roomId() {
        if (version.roomIdIsCreateEventHash() && CREATE.equals(type)) {
            return EventHashes.roomIdFromCreateEventId(eventId());
        }
        return roomIdField;
    }

    /** The {@code room_id} field as received (null on a v12 create event, where it is omitted). */
    public String roomIdField() {
        return roomIdField;
    }

    public long depth() {
        return depth;
    }

    public long originServerTs() {
        return originServerTs;
    }

    public ObjectNode content() {
        return (ObjectNode) json.get("content");
    }

    /** The IDs in {@code prev_events}, in order (for v1 and v2, the first element of each pair). */
    public List<String> prevEventIds() {
        return prevEvents;
    }

    /** The IDs in {@code auth_events}, in order. */
    public List<String> authEventIds() {
        return authEvents;
    }

    /** True for a view made by {@link #draft}. */
    public boolean isDraft() {
        return draft;
    }

    /** The claimed content hash, {@code hashes.sha256}, or null (only a draft can lack it). */
    public String claimedContentHash() {
        JsonNode h = json.get("hashes");
        JsonNode s = h == null ? null : h.get("sha256");
        return s != null && s.isTextual() ? s.textValue() : null;
    }

    /**
     * The event a redaction event redacts, or null: {@code content.redacts} from v11 (rooms/v11
     * "Moving the redacts property"), the top-level {@code redacts} before.
     */
    public String redacts() {
        if (version.redactsInContent()) {
            JsonNode r = content().get("redacts");
            return r != null && r.isTextual() ? r.textValue() : null;
        }
        return redactsField;
    }

    /**
     * The event ID: the {@code event_id} field in v1 and v2; from v3 the reference hash in the
     * room version's base64 (rooms/v3 and v4 "Event IDs").
     */
    public String eventId() {
        if (version.eventFormat() == EventFormat.V1) {
            return eventIdField;
        }
        String id = eventId;
        if (id == null) {
            id = EventHashes.eventId(version, referenceHashBytes());
            eventId = id;
        }
        return id;
    }

    /** The reference hash (server-server API "Calculating the reference hash for an event"). */
    public byte[] referenceHash() {
        return referenceHashBytes().clone();
    }

    /** The content hash as computed from this event (not the claimed one). */
    public byte[] contentHash() {
        return contentHashBytes().clone();
    }

    /**
     * Whether the claimed {@code hashes.sha256} decodes (base64, padded or not) to the computed
     * content hash (server-server API "Validating hashes and signatures on received events").
     * False when it is missing or not base64. A received event failing this is to be redacted.
     */
    public boolean contentHashMatches() {
        String claimed = claimedContentHash();
        if (claimed == null) {
            return false;
        }
        byte[] decoded = decodeBase64(claimed);
        return decoded != null && MessageDigest.isEqual(decoded, contentHashBytes());
    }

    /** This event after the redaction algorithm of its room version; same event ID. */
    public Pdu redacted() {
        return new Pdu(version, Redaction.redact(version, json), null, draft);
    }

    private byte[] referenceHashBytes() {
        byte[] h = referenceHash;
        if (h == null) {
            h = EventHashes.referenceHash(version, json);
            referenceHash = h;
        }
        return h;
    }

    private byte[] contentHashBytes() {
        byte[] h = contentHash;
        if (h == null) {
            h = EventHashes.contentHash(version, json);
            contentHash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return "Pdu[" + version.id() + " " + type + (stateKey != null ? "/" + stateKey : "") + " from " + sender + "]";
    }

    /** Standard or URL-safe base64, padded or not; null when it is not base64. */
    private static byte[] decodeBase64(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=' && s.length() - end < 2) {
            end--;
        }
        if (end % 4 == 1) {
            return null;
        }
        String body = s.substring(0, end).replace('-', '+').replace('_', '/');
        try {
            return Base64.getDecoder().decode(body + "=".repeat((4 - end % 4) % 4));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Reads and checks the fields once, in the order an error is most useful. */
    private static final class Validator {
        final RoomVersion version;
        final ObjectNode json;
        final boolean draft;
        String type;
        String stateKey;
        String sender;
        String roomId;
        String eventId;
        String redacts;
        long depth;
        long originServerTs;
        List<String> prevEvents;
        List<String> authEvents;
        byte[] canonical;

        Validator(RoomVersion version, ObjectNode json, boolean draft) {
            this.version = version;
            this.json = json;
            this.draft = draft;
            run();
        }

        private void run() {
            if (version.eventFormat() == EventFormat.V1) {
                eventId = requireString("event_id");
                checkEventId("event_id", eventId);
            } else if (json.has("event_id")) {
                throw new InvalidEventException("event_id", "events of " + version
                        + " have no event_id field: their ID is their reference hash"
                        + " (remove event_id; it would otherwise be hashed into a different ID)");
            }
            type = requireString("type");
            if (Identifiers.utf8Length(type) > MAX_TYPE_BYTES) {
                throw new InvalidEventException("type", "'type' is longer than " + MAX_TYPE_BYTES + " bytes");
            }
            if (json.has("state_key")) {
                stateKey = requireString("state_key");
                if (Identifiers.utf8Length(stateKey) > MAX_STATE_KEY_BYTES) {
                    throw new InvalidEventException("state_key", "'state_key' is longer than " + MAX_STATE_KEY_BYTES + " bytes");
                }
            }
            sender = requireString("sender");
            String senderError = Identifiers.userIdError(sender);
            if (senderError != null) {
                throw new InvalidEventException("sender", "'sender' " + senderError);
            }
            boolean v12Create = version.roomIdIsCreateEventHash() && CREATE.equals(type);
            if (v12Create && !json.has("room_id")) {
                roomId = null;
            } else {
                roomId = requireString("room_id");
                String roomError = Identifiers.roomIdError(version, roomId);
                if (roomError != null && !v12Create) {
                    throw new InvalidEventException("room_id", "'room_id' " + roomError);
                }
            }
            JsonNode content = json.get("content");
            if (content == null) {
                throw missing("content", "an object");
            }
            if (!content.isObject()) {
                throw wrongType("content", "an object", content);
            }
            depth = requireInteger("depth");
            if (depth < 0 || depth > version.maxDepth()) {
                throw new InvalidEventException("depth", "'depth' must be in [0, " + version.maxDepth() + "], got " + depth);
            }
            originServerTs = requireInteger("origin_server_ts");
            prevEvents = references("prev_events", MAX_PREV_EVENTS);
            authEvents = references("auth_events", MAX_AUTH_EVENTS);
            if (!draft) {
                JsonNode hashes = json.get("hashes");
                if (hashes == null) {
                    throw missing("hashes", "an object with a sha256 string");
                }
                if (!hashes.isObject()) {
                    throw wrongType("hashes", "an object", hashes);
                }
                JsonNode sha = hashes.get("sha256");
                if (sha == null) {
                    throw missing("hashes.sha256", "a string");
                }
                if (!sha.isTextual()) {
                    throw wrongType("hashes.sha256", "a string", sha);
                }
            }
            if (!draft || json.has("signatures")) {
                signatures();
            }
            JsonNode unsigned = json.get("unsigned");
            if (unsigned != null && !unsigned.isObject()) {
                throw wrongType("unsigned", "an object", unsigned);
            }
            if (!version.redactsInContent() && json.has("redacts")) {
                redacts = requireString("redacts");
                checkEventId("redacts", redacts);
            }
            if (version.strictCanonicalJson()) {
                String numberError = EventJson.strictNumberError(json);
                if (numberError != null) {
                    throw new InvalidEventException(null, numberError);
                }
            }
            try {
                canonical = EventJson.encode(version, json);
            } catch (CanonicalJsonException e) {
                throw new InvalidEventException(null, "event has no canonical JSON form: " + e.getMessage(), e);
            }
            if (canonical.length > MAX_PDU_BYTES) {
                throw new InvalidEventException(null, "event is " + canonical.length
                        + " bytes as canonical JSON; the limit is " + MAX_PDU_BYTES);
            }
        }

        private List<String> references(String field, int max) {
            JsonNode node = json.get(field);
            if (node == null) {
                throw missing(field, "an array");
            }
            if (!(node instanceof ArrayNode array)) {
                throw wrongType(field, "an array", node);
            }
            if (array.size() > max) {
                throw new InvalidEventException(field, "'" + field + "' has " + array.size()
                        + " entries; at most " + max + " are allowed");
            }
            List<String> ids = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                String at = field + "[" + i + "]";
                JsonNode item = array.get(i);
                String id;
                if (version.eventFormat() == EventFormat.V1) {
                    // [event_id, {"sha256": reference hash}] (pdu_v1)
                    if (!(item instanceof ArrayNode pair) || pair.size() != 2) {
                        throw new InvalidEventException(at, "'" + at + "' must be an [event_id, hashes] pair in " + version);
                    }
                    if (!pair.get(0).isTextual()) {
                        throw wrongType(at + "[0]", "an event ID string", pair.get(0));
                    }
                    if (!pair.get(1).isObject()) {
                        throw wrongType(at + "[1]", "an object of hashes", pair.get(1));
                    }
                    JsonNode sha = pair.get(1).get("sha256");
                    if (sha != null && !sha.isTextual()) {
                        throw wrongType(at + "[1].sha256", "a string", sha);
                    }
                    id = pair.get(0).textValue();
                } else {
                    if (!item.isTextual()) {
                        throw wrongType(at, "an event ID string", item);
                    }
                    id = item.textValue();
                }
                checkEventId(at, id);
                ids.add(id);
            }
            return Collections.unmodifiableList(ids);
        }

        private void signatures() {
            JsonNode sigs = json.get("signatures");
            if (sigs == null) {
                throw missing("signatures", "an object");
            }
            if (!sigs.isObject()) {
                throw wrongType("signatures", "an object", sigs);
            }
            for (Map.Entry<String, JsonNode> server : sigs.properties()) {
                String at = "signatures." + server.getKey();
                if (!server.getValue().isObject()) {
                    throw wrongType(at, "an object of key IDs to signatures", server.getValue());
                }
                for (Map.Entry<String, JsonNode> key : server.getValue().properties()) {
                    if (!key.getValue().isTextual()) {
                        throw wrongType(at + "." + key.getKey(), "a string", key.getValue());
                    }
                }
            }
        }

        private void checkEventId(String field, String id) {
            String err = Identifiers.eventIdError(version, id);
            if (err != null) {
                throw new InvalidEventException(field, "'" + field + "' " + err);
            }
        }

        private String requireString(String field) {
            JsonNode v = json.get(field);
            if (v == null) {
                throw missing(field, "a string");
            }
            if (!v.isTextual()) {
                throw wrongType(field, "a string", v);
            }
            return v.textValue();
        }

        private long requireInteger(String field) {
            JsonNode v = json.get(field);
            if (v == null) {
                throw missing(field, "an integer");
            }
            if (!v.isIntegralNumber()) {
                throw wrongType(field, "an integer", v);
            }
            if (!v.canConvertToLong()) {
                throw new InvalidEventException(field, "'" + field + "' is out of range: " + v.asText());
            }
            return v.longValue();
        }

        private static InvalidEventException missing(String field, String what) {
            return new InvalidEventException(field, "missing required field '" + field + "' (" + what + ")");
        }

        private static InvalidEventException wrongType(String field, String what, JsonNode got) {
            return new InvalidEventException(field, "'" + field + "' must be " + what + ", got " + kind(got));
        }

        private static String kind(JsonNode n) {
            return switch (n.getNodeType()) {
                case NUMBER -> n.isIntegralNumber() ? "an integer" : "a number with a fraction or exponent";
                case STRING -> "a string";
                case ARRAY -> "an array";
                case OBJECT -> "an object";
                case BOOLEAN -> "a boolean";
                case NULL -> "null";
                default -> n.getNodeType().name().toLowerCase(Locale.ROOT);
            };
        }
    }
}
