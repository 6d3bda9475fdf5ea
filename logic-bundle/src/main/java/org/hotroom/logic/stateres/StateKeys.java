package org.hotroom.logic.stateres;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.hotroom.logic.auth.TypeAndKey;

/** State keys {@code (event_type, state_key)} interned to dense ints for one resolution. */
final class StateKeys {

    private final HashMap<String, HashMap<String, Integer>> byType = new HashMap<>();
    private final List<TypeAndKey> keys = new ArrayList<>();

    /** The number of the key, interning it. */
    int intern(String type, String stateKey) {
        HashMap<String, Integer> m = byType.computeIfAbsent(type, t -> new HashMap<>());
        Integer k = m.get(stateKey);
        if (k == null) {
            k = keys.size();
            keys.add(TypeAndKey.of(type, stateKey));
            m.put(stateKey, k);
        }
        return k;
    }

    /** The number of the key, or -1 when it was never interned. */
    int find(String type, String stateKey) {
        if (type == null || stateKey == null) {
            return -1;
        }
        HashMap<String, Integer> m = byType.get(type);
        if (m == null) {
            return -1;
        }
        Integer k = m.get(stateKey);
        return k == null ? -1 : k;
    }

    TypeAndKey key(int k) {
        return keys.get(k);
    }

    int size() {
        return keys.size();
    }
}
