package org.hotroom.logic.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.logic.json.Json;

/**
 * Profiles of local users (client-server API, "Profiles"): {@code displayname} and
 * {@code avatar_url}.
 *
 * <pre>
 * table "profile": localpart -> {"displayname"?, "avatar_url"?}
 * </pre>
 * An account without a record has the display name of its localpart, as if registration had set
 * it (Synapse's behaviour; the spec leaves the initial profile to the server). The first change
 * writes the record, which is authoritative from then on: a display name removed stays removed.
 */
public final class Profiles {

    public static final String TABLE = "profile";
    public static final String DISPLAYNAME = "displayname";
    public static final String AVATAR_URL = "avatar_url";

    private final KeyValue kv;

    public Profiles(KeyValue kv) {
        this.kv = kv;
    }

    /** The profile of an existing account (the caller checks it exists): a fresh object. */
    public ObjectNode profile(String localpart) {
        byte[] v = kv.get(TABLE, key(localpart));
        if (v != null) {
            return Json.readRecord(v);
        }
        ObjectNode initial = Json.object();
        initial.put(DISPLAYNAME, localpart);
        return initial;
    }

    /** Sets {@code field} to {@code value}, or removes it when {@code value} is null. */
    public void set(String localpart, String field, String value) {
        ObjectNode p = profile(localpart);
        if (value == null) {
            p.remove(field);
        } else {
            p.put(field, value);
        }
        kv.put(TABLE, key(localpart), Json.record(p));
    }

    private static byte[] key(String localpart) {
        return localpart.getBytes(StandardCharsets.UTF_8);
    }
}
