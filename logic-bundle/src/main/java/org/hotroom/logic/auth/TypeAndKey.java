package org.hotroom.logic.auth;

import java.util.Objects;

/** A state map key: an event type and a state key (both non-null). */
public record TypeAndKey(String type, String stateKey) {

    public TypeAndKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(stateKey, "stateKey");
    }

    public static TypeAndKey of(String type, String stateKey) {
        return new TypeAndKey(type, stateKey);
    }

    /** The key of a state event, or null when {@code event} is not a state event or has no type. */
    public static TypeAndKey of(AuthEvent event) {
        String type = event.type();
        String stateKey = event.stateKey();
        return type == null || stateKey == null ? null : new TypeAndKey(type, stateKey);
    }

    @Override
    public String toString() {
        return "(" + type + ", \"" + stateKey + "\")";
    }
}
