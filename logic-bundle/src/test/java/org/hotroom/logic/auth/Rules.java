package org.hotroom.logic.auth;

/**
 * The rule numbers as each room version's page prints them, written out independently of
 * {@link RuleNumbers} (checked against it in {@link RuleNumbersTest}).
 */
final class Rules {

    private Rules() {}

    /** Rule "If type is m.room.member". */
    static String member(int v) {
        return v <= 5 || v >= 12 ? "5" : "4";
    }

    /** Member sub-rule by name: fields, sig, join, invite, leave, ban, knock, unknown. */
    static String member(int v, String which) {
        String m = member(v);
        boolean restricted = v >= 8;
        boolean knock = v >= 7;
        int join = restricted ? 3 : 2;
        return switch (which) {
            case "fields" -> m + ".1";
            case "sig" -> m + ".2.1";
            case "join" -> m + "." + join;
            case "invite" -> m + "." + (join + 1);
            case "leave" -> m + "." + (join + 2);
            case "ban" -> m + "." + (join + 3);
            case "knock" -> m + "." + (join + 4);
            case "unknown" -> m + "." + (join + (knock ? 5 : 4));
            default -> throw new IllegalArgumentException(which);
        };
    }

    static String join(int v, int sub) {
        return member(v, "join") + "." + sub;
    }

    /** Join sub-rule "public" / "otherwise" (shifted by the v8 restricted rule). */
    static String joinPublic(int v) {
        return join(v, v >= 8 ? 6 : 5);
    }

    static String joinOtherwise(int v) {
        return join(v, v >= 8 ? 7 : 6);
    }

    static String invite(int v, String sub) {
        return member(v, "invite") + "." + sub;
    }

    static String leave(int v, int sub) {
        return member(v, "leave") + "." + sub;
    }

    static String ban(int v, int sub) {
        return member(v, "ban") + "." + sub;
    }

    static String knock(int v, int sub) {
        return member(v, "knock") + "." + sub;
    }

    static String authEvents(int v) {
        return v >= 12 ? "3" : "2";
    }

    static String federate(int v) {
        return v >= 12 ? "4" : "3";
    }

    static String senderJoined(int v) {
        return v <= 5 || v >= 12 ? "6" : "5";
    }

    static String thirdPartyInvite(int v) {
        return v <= 5 || v >= 12 ? "7" : "6";
    }

    static String requiredLevel(int v) {
        return v <= 5 || v >= 12 ? "8" : "7";
    }

    static String stateKeyAt(int v) {
        return v <= 5 || v >= 12 ? "9" : "8";
    }

    static String powerLevels(int v) {
        return v <= 5 || v >= 12 ? "10" : "9";
    }

    /**
     * Power levels sub-rule by name: ints, maps (v10+), users, creators (v12), noPrevious, fields,
     * eventsOld, eventsNew, usersOld, usersNew, otherwise.
     */
    static String pl(int v, String which) {
        String p = powerLevels(v);
        int shift = v >= 12 ? 3 : v >= 10 ? 2 : 0;
        return p + "." + switch (which) {
            case "ints" -> 1;
            case "maps" -> 2;
            case "users" -> 1 + (v >= 10 ? 2 : 0);
            case "creators" -> 4;
            case "noPrevious" -> 2 + shift;
            case "fields" -> 3 + shift;
            case "eventsOld" -> 4 + shift;
            case "eventsNew" -> 5 + shift;
            case "usersOld" -> 6 + shift;
            case "usersNew" -> 7 + shift;
            case "otherwise" -> 8 + shift;
            default -> throw new IllegalArgumentException(which);
        };
    }

    static String otherwise(int v) {
        if (v <= 2) {
            return "12";
        }
        return v <= 5 || v >= 12 ? "11" : "10";
    }
}
