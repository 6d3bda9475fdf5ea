package org.hotroom.logic.stateres;

import java.util.Arrays;

/**
 * String → dense int, open addressing with linear probing: the interning table of one resolution.
 * No boxing and no entry objects (a HashMap&lt;String, Integer&gt; costs two objects per event).
 */
final class IdIndex {

    private String[] keys = new String[1024];
    private int[] values = new int[1024];
    private int size;
    private int mask = 1023;

    /** The value of {@code key}, or -1. */
    int get(String key) {
        int i = spread(key.hashCode()) & mask;
        while (true) {
            String k = keys[i];
            if (k == null) {
                return -1;
            }
            if (k.equals(key)) {
                return values[i];
            }
            i = (i + 1) & mask;
        }
    }

    /** Adds {@code key} (which must be absent) with {@code value}. */
    void put(String key, int value) {
        if ((size + 1) * 2 > keys.length) {
            rehash();
        }
        int i = spread(key.hashCode()) & mask;
        while (keys[i] != null) {
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        size++;
    }

    private void rehash() {
        String[] oldKeys = keys;
        int[] oldValues = values;
        keys = new String[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            String k = oldKeys[j];
            if (k != null) {
                int i = spread(k.hashCode()) & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = oldValues[j];
            }
        }
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    int size() {
        return size;
    }

    @Override
    public String toString() {
        return "IdIndex[" + size + " of " + Arrays.stream(keys).filter(k -> k != null).limit(3).toList() + "...]";
    }
}
