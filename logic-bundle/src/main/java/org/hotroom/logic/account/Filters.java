package org.hotroom.logic.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.util.Entropy;

/**
 * Filters uploaded by users (client-server API, "Filtering"), for {@code /sync} and
 * {@code /messages} to look up by ID.
 *
 * <pre>
 * table "filter": localpart 0x00 filter_id -> the filter, canonical JSON
 * </pre>
 * A filter ID is the first 16 hex digits of the SHA-256 of the filter's canonical JSON, so the
 * same filter uploaded again (clients upload theirs at every start) gets the same ID and no new
 * record. IDs never start with {@code {}, as the spec requires (it tells inline filters from IDs).
 * On the improbable collision with a different filter the ID is lengthened.
 */
public final class Filters {

    public static final String TABLE = "filter";
    /** Longest ID this server issues; longer ones are unknown without a look-up. */
    public static final int MAX_ID_LENGTH = 64;

    private static final int[] ID_LENGTHS = {16, 32, 64};

    private final KeyValue kv;

    public Filters(KeyValue kv) {
        this.kv = kv;
    }

    /** Stores {@code filter} (already validated) and returns its ID. */
    public String put(String localpart, ObjectNode filter) {
        byte[] bytes = Json.record(filter);
        String hex = HexFormat.of().formatHex(Entropy.sha256(bytes));
        for (int len : ID_LENGTHS) {
            String id = hex.substring(0, len);
            byte[] existing = kv.get(TABLE, key(localpart, id));
            if (existing == null) {
                kv.put(TABLE, key(localpart, id), bytes);
                return id;
            }
            if (Arrays.equals(existing, bytes)) {
                return id;
            }
        }
        throw new IllegalStateException("SHA-256 collision between two filters of " + localpart);
    }

    /** The filter, or null when the user has none with this ID. */
    public ObjectNode get(String localpart, String filterId) {
        if (filterId.length() > MAX_ID_LENGTH || !filterId.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return null; // not an ID this server issues (and keeps the key short)
        }
        byte[] v = kv.get(TABLE, key(localpart, filterId));
        return v == null ? null : Json.readRecord(v);
    }

    private static byte[] key(String localpart, String filterId) {
        return (localpart + "\0" + filterId).getBytes(StandardCharsets.UTF_8);
    }
}
