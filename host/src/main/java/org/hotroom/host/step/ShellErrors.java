package org.hotroom.host.step;

import org.hotroom.api.Respond;

/**
 * The few Matrix errors the shell answers by itself, when the logic cannot be asked: a body too
 * large to read, no logic serving, a logic that threw. Built from fixed text; the shell never
 * parses JSON.
 */
public final class ShellErrors {

    private ShellErrors() {}

    public static Respond error(int status, String errcode, String message) {
        return Respond.json(status, "{\"errcode\":\"" + errcode + "\",\"error\":\"" + escape(message) + "\"}");
    }

    public static Respond tooLarge(long limit) {
        return error(413, "M_TOO_LARGE", "request body is larger than the limit of " + limit + " bytes");
    }

    public static Respond logicFailed(String exchangeId) {
        return error(500, "M_UNKNOWN", "internal error in the server's logic (exchange " + exchangeId + ")");
    }

    public static Respond unavailable(String why) {
        return error(503, "M_UNKNOWN", "the server cannot handle requests right now: " + why);
    }

    /** JSON string escaping for the shell's own fixed messages. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
