package org.hotroom.logic.rooms;

import java.util.Objects;
import org.hotroom.api.storage.StepStorage;
import org.hotroom.logic.http.Call;
import org.hotroom.logic.util.Entropy;

/**
 * What the room code needs from one step: its storage, this server's name, the step's clock and
 * its entropy. Randomness is derived per label ({@link #random}); every use within a step needs a
 * label of its own.
 *
 * @param storage    the step's storage
 * @param serverName this server's name
 * @param now        the step's clock, milliseconds since the epoch
 * @param entropy    the exchange's entropy
 */
public record StepContext(StepStorage storage, String serverName, long now, byte[] entropy) {

    public StepContext {
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(serverName, "serverName");
        entropy = entropy.clone();
    }

    public static StepContext of(Call call) {
        return new StepContext(call.storage(), call.serverName(), call.now(), call.exchange().entropy());
    }

    @Override
    public byte[] entropy() {
        return entropy.clone();
    }

    /** {@code n} bytes derived from the entropy for {@code label}. */
    public byte[] random(String label, int n) {
        return Entropy.derive(entropy, label, n);
    }

    /** {@code length} characters of {@code A-Z a-z} derived for {@code label}. */
    public String randomLetters(String label, int length) {
        final String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        StringBuilder sb = new StringBuilder(length);
        for (int round = 0; sb.length() < length; round++) {
            for (byte b : random(label + "#" + round, length * 2)) {
                int v = b & 0xFF;
                if (v < 208 && sb.length() < length) { // 208 = 4 * 52: unbiased
                    sb.append(alphabet.charAt(v % 52));
                }
            }
        }
        return sb.toString();
    }

    /** Whether {@code userId} (a valid user ID) belongs to this server. */
    public boolean isLocal(String userId) {
        int colon = userId.indexOf(':');
        return colon >= 0 && userId.substring(colon + 1).equals(serverName);
    }
}
