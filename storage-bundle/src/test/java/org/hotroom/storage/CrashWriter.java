package org.hotroom.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.hotroom.api.storage.StepScope;

/**
 * The writer process of {@link CrashSafetyTest}: commits steps forever, printing {@code ack N}
 * after step N's commit returned. Step N writes {@link #KEYS} keys {@code N/k} whose values all
 * carry N, and moves the stream {@code steps} to N.
 */
public final class CrashWriter {

    static final int KEYS = 40;
    static final int VALUE_BYTES = 4096;

    private CrashWriter() {}

    public static void main(String[] args) {
        LmdbStorage storage = LmdbStorage.open(Path.of(args[0]), 512L << 20, true);
        long step = storage.position("steps");
        while (true) {
            step++;
            try (StepScope scope = storage.openStep()) {
                scope.beginWrite();
                for (int k = 0; k < KEYS; k++) {
                    scope.keyValue().put("crash", key(step, k), value(step));
                }
                scope.streams().advance("steps");
                scope.commit();
            }
            System.out.println("ack " + step);
            System.out.flush();
        }
    }

    static byte[] key(long step, int k) {
        return String.format("%010d/%02d", step, k).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] value(long step) {
        byte[] v = new byte[VALUE_BYTES];
        Arrays.fill(v, (byte) step);
        ByteBuffer.wrap(v).putLong(step);
        return v;
    }
}
