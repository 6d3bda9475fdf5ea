package org.hotroom.logic.sync;

import org.hotroom.logic.http.MatrixError;
import org.hotroom.logic.rooms.EventPersister;

/**
 * The tokens of {@code /sync} ({@code since}, {@code next_batch}, {@code prev_batch}) and of
 * {@code /messages} ({@code from}, {@code to}, {@code start}, {@code end}): {@code s} followed by a
 * position of the server-wide {@value #STREAM} stream, in decimal (docs/ROOMS.md).
 *
 * <p>A token names a place between events: {@code s<p>} is after every event whose
 * {@code EventMeta.ordering} is at most {@code p} and before every later one. Orderings never
 * change, so a token keeps its meaning forever; backfilled history has negative orderings, hence
 * the optional minus sign. A sync token also covers everything else recorded on the stream up to
 * {@code p}: membership changes, account data, receipts, typing.
 */
public final class SyncToken {

    /** The stream every change {@code /sync} reports advances. */
    public static final String STREAM = EventPersister.SYNC;

    private SyncToken() {}

    public static String format(long position) {
        return "s" + position;
    }

    /** The position of {@code token}; 400 {@code M_INVALID_PARAM} naming {@code param} when it is not a token. */
    public static long parse(String token, String param) {
        if (token != null && token.length() >= 2 && token.length() <= 21 && token.charAt(0) == 's') {
            int i = token.charAt(1) == '-' ? 2 : 1;
            boolean digits = i < token.length();
            for (int j = i; j < token.length(); j++) {
                char c = token.charAt(j);
                digits &= c >= '0' && c <= '9';
            }
            if (digits) {
                try {
                    return Long.parseLong(token.substring(1));
                } catch (NumberFormatException e) {
                    // out of range: not a token of ours
                }
            }
        }
        throw MatrixError.invalidParam("'" + param + "' is not a valid token");
    }
}
