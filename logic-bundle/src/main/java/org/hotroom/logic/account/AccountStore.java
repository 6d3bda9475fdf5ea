package org.hotroom.logic.account;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.util.Entropy;

/**
 * Accounts, devices and access tokens in the step's key-value storage. Records are canonical
 * JSON objects.
 *
 * <pre>
 * table "account": localpart                      -> {"created_ts", "password_hash"}
 * table "device":  localpart 0x00 device_id       -> {"created_ts", "display_name"?, "token_sha256"}
 * table "token":   SHA-256(access token)          -> {"localpart", "device_id"}
 * </pre>
 * A localpart never contains 0x00, so the prefix {@code localpart 0x00} scans exactly one user's
 * devices. Only token hashes are stored: a copy of the database does not hold usable tokens.
 * One access token per device; issuing a new one for a device revokes the old one.
 */
public final class AccountStore {

    public static final String ACCOUNTS = "account";
    public static final String DEVICES = "device";
    public static final String TOKENS = "token";

    /** Longest device ID accepted from a client, in UTF-8 bytes (keys are at most 400 bytes). */
    public static final int MAX_DEVICE_ID_BYTES = 128;

    /** Prefix of the access tokens this server issues. */
    public static final String TOKEN_PREFIX = "hr_";

    private final KeyValue kv;

    public AccountStore(KeyValue kv) {
        this.kv = kv;
    }

    // --- accounts ---

    public boolean exists(String localpart) {
        return kv.get(ACCOUNTS, utf8(localpart)) != null;
    }

    /** The account record, or null. */
    public ObjectNode account(String localpart) {
        byte[] v = kv.get(ACCOUNTS, utf8(localpart));
        return v == null ? null : Json.readRecord(v);
    }

    public void createAccount(String localpart, String passwordHash, long now) {
        ObjectNode rec = Json.object();
        rec.put("created_ts", now);
        rec.put("password_hash", passwordHash);
        kv.put(ACCOUNTS, utf8(localpart), Json.record(rec));
    }

    /** Replaces the password hash of an existing account; false when there is no such account. */
    public boolean setPasswordHash(String localpart, String passwordHash) {
        ObjectNode rec = account(localpart);
        if (rec == null) {
            return false;
        }
        rec.put("password_hash", passwordHash);
        kv.put(ACCOUNTS, utf8(localpart), Json.record(rec));
        return true;
    }

    // --- devices and tokens ---

    /** The device record, or null. */
    public ObjectNode device(String localpart, String deviceId) {
        byte[] v = kv.get(DEVICES, deviceKey(localpart, deviceId));
        return v == null ? null : Json.readRecord(v);
    }

    /** A device ID of ten upper-case letters not yet used by this user. */
    public String newDeviceId(byte[] entropy, String localpart) {
        for (int attempt = 0; ; attempt++) {
            String id = Entropy.upperLetters(entropy, "device_id/" + attempt, 10);
            if (device(localpart, id) == null) {
                return id;
            }
            if (attempt > 16) {
                throw new IllegalStateException("cannot find a free device ID: is the entropy constant?");
            }
        }
    }

    /**
     * Issues an access token for {@code deviceId}, creating the device (with {@code displayName},
     * which may be null) or, for an existing device, revoking its previous token and keeping its
     * display name. Returns the token.
     */
    public String issueToken(byte[] entropy, String localpart, String deviceId, String displayName, long now) {
        String token = TOKEN_PREFIX + Entropy.token(entropy, "access_token", 32);
        byte[] tokenKey = tokenKey(token);
        if (kv.get(TOKENS, tokenKey) != null) {
            // entropy is per exchange; a collision means the shell reused it
            throw new IllegalStateException("derived access token already exists: entropy reused");
        }
        byte[] dKey = deviceKey(localpart, deviceId);
        byte[] old = kv.get(DEVICES, dKey);
        ObjectNode device;
        if (old != null) {
            device = Json.readRecord(old);
            kv.delete(TOKENS, HexFormat.of().parseHex(device.get("token_sha256").textValue()));
        } else {
            device = Json.object();
            device.put("created_ts", now);
            if (displayName != null) {
                device.put("display_name", displayName);
            }
        }
        device.put("token_sha256", HexFormat.of().formatHex(tokenKey));
        kv.put(DEVICES, dKey, Json.record(device));
        ObjectNode owner = Json.object();
        owner.put("localpart", localpart);
        owner.put("device_id", deviceId);
        kv.put(TOKENS, tokenKey, Json.record(owner));
        return token;
    }

    /** The owner of an access token, or null for a token that is unknown or revoked. */
    public Authenticated resolve(String token, String serverName) {
        byte[] v = kv.get(TOKENS, tokenKey(token));
        if (v == null) {
            return null;
        }
        ObjectNode owner = Json.readRecord(v);
        String localpart = owner.get("localpart").textValue();
        return new Authenticated(UserIds.userId(localpart, serverName), localpart, owner.get("device_id").textValue());
    }

    /** Deletes a device and revokes its token. */
    public void deleteDevice(String localpart, String deviceId) {
        byte[] dKey = deviceKey(localpart, deviceId);
        byte[] v = kv.get(DEVICES, dKey);
        if (v != null) {
            ObjectNode device = Json.readRecord(v);
            kv.delete(TOKENS, HexFormat.of().parseHex(device.get("token_sha256").textValue()));
            kv.delete(DEVICES, dKey);
        }
    }

    /** The IDs of all of a user's devices, in key order. */
    public List<String> deviceIds(String localpart) {
        byte[] prefix = deviceKey(localpart, "");
        List<String> ids = new ArrayList<>();
        kv.scan(DEVICES, prefix, (key, value) -> {
            if (!startsWith(key, prefix)) {
                return false;
            }
            ids.add(new String(key, prefix.length, key.length - prefix.length, StandardCharsets.UTF_8));
            return true;
        });
        return ids;
    }

    /**
     * Whether {@code deviceId} could name a stored device: device IDs longer than
     * {@link #MAX_DEVICE_ID_BYTES} are never stored (and would not fit a key).
     */
    public static boolean isStorableDeviceId(String deviceId) {
        return !deviceId.isEmpty() && utf8(deviceId).length <= MAX_DEVICE_ID_BYTES;
    }

    /** Sets a device's display name; false when the user has no such device. */
    public boolean setDeviceDisplayName(String localpart, String deviceId, String displayName) {
        if (!isStorableDeviceId(deviceId)) {
            return false;
        }
        byte[] dKey = deviceKey(localpart, deviceId);
        byte[] v = kv.get(DEVICES, dKey);
        if (v == null) {
            return false;
        }
        ObjectNode device = Json.readRecord(v);
        device.put("display_name", displayName);
        kv.put(DEVICES, dKey, Json.record(device));
        return true;
    }

    /** Deletes all of a user's devices but {@code keep} and revokes their tokens. */
    public void deleteDevicesExcept(String localpart, String keep) {
        for (String id : deviceIds(localpart)) {
            if (!id.equals(keep)) {
                deleteDevice(localpart, id);
            }
        }
    }

    /** Deletes all of a user's devices and revokes all their tokens. */
    public void deleteAllDevices(String localpart) {
        for (String id : deviceIds(localpart)) {
            deleteDevice(localpart, id);
        }
    }

    // --- keys ---

    static byte[] tokenKey(String token) {
        return Entropy.sha256(utf8(token));
    }

    private static byte[] deviceKey(String localpart, String deviceId) {
        byte[] l = utf8(localpart);
        byte[] d = utf8(deviceId);
        byte[] key = new byte[l.length + 1 + d.length];
        System.arraycopy(l, 0, key, 0, l.length);
        System.arraycopy(d, 0, key, l.length + 1, d.length);
        return key;
    }

    private static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
