package org.hotroom.logic.rooms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.hotroom.api.storage.KeyValue;
import org.hotroom.logic.json.Json;
import org.hotroom.logic.util.Entropy;

/**
 * Client transaction IDs (client-server API "Transaction identifiers"): a request repeated with
 * the same transaction ID by the same device on the same endpoint gets the first answer, and the
 * sending device sees its transaction ID in the event's {@code unsigned.transaction_id}.
 *
 * <pre>
 * table "txn":       SHA-256(endpoint 0x00 user 0x00 device 0x00 txnId) -> {"event_id"}
 * table "txn_of_event": event (8 bytes)                                 -> {"user", "device", "txn_id"}
 * </pre>
 * {@code endpoint} names the endpoint ({@link #SEND}, {@link #REDACT}): the scope of a transaction
 * ID is one device and one endpoint. {@code ClientEvents} reads {@code txn_of_event} to show the
 * transaction ID to the sending device only.
 */
public final class TransactionIds {

    public static final String TABLE = "txn";
    public static final String BY_EVENT = "txn_of_event";
    /** {@code PUT /rooms/{roomId}/send/{eventType}/{txnId}}. */
    public static final String SEND = "send";
    /** {@code PUT /rooms/{roomId}/redact/{eventId}/{txnId}}. */
    public static final String REDACT = "redact";

    /** The device and transaction ID an event was sent with. */
    public record Sent(String deviceId, String txnId) {}

    private final KeyValue kv;

    public TransactionIds(KeyValue kv) {
        this.kv = kv;
    }

    /** The event sent earlier with this transaction, or null. */
    public String find(String endpoint, String userId, String deviceId, String txnId) {
        byte[] v = kv.get(TABLE, key(endpoint, userId, deviceId, txnId));
        return v == null ? null : Json.readRecord(v).get("event_id").textValue();
    }

    /** Records that the transaction made {@code event} (numeric ID) with ID {@code eventId}. */
    public void record(String endpoint, String userId, String deviceId, String txnId, long event, String eventId) {
        ObjectNode rec = Json.object();
        rec.put("event_id", eventId);
        kv.put(TABLE, key(endpoint, userId, deviceId, txnId), Json.record(rec));
        ObjectNode sent = Json.object();
        sent.put("user", userId);
        sent.put("device", deviceId);
        sent.put("txn_id", txnId);
        kv.put(BY_EVENT, RoomKeys.of(event), Json.record(sent));
    }

    /** The device and transaction ID of a local event sent with one, or null. */
    public Sent sentWith(long event) {
        byte[] v = kv.get(BY_EVENT, RoomKeys.of(event));
        if (v == null) {
            return null;
        }
        ObjectNode rec = Json.readRecord(v);
        return new Sent(rec.get("device").textValue(), rec.get("txn_id").textValue());
    }

    private static byte[] key(String endpoint, String userId, String deviceId, String txnId) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String part : new String[] {endpoint, userId, deviceId, txnId}) {
            if (b.size() > 0) {
                b.write(0);
            }
            b.writeBytes(part.getBytes(StandardCharsets.UTF_8));
        }
        return Entropy.sha256(b.toByteArray());
    }
}
