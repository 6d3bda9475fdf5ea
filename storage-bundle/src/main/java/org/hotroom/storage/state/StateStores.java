package org.hotroom.storage.state;

import java.util.Arrays;
import java.util.Locale;

/**
 * The strategies by name, as configured with {@code hotroom.storage.state_store}:
 * <ul>
 *   <li>{@code hotroom}: {@link KeyHistoryStateStore} (the default);
 *   <li>{@code blocks}: {@link BlockStateStore} (Dendrite);
 *   <li>{@code synapse} or {@code synapse:<hops>}: {@link DeltaChainStateStore#synapse} (100 hops);
 *   <li>{@code levels} or {@code levels:<n>,<n>,...}: {@link DeltaChainStateStore#levels}
 *       (default 100,50,25).
 * </ul>
 * The family (the part before {@code ':'}) is recorded in the store at creation and must not
 * change afterwards; level sizes and hop counts may.
 */
public final class StateStores {

    public static final String DEFAULT = "hotroom";

    private StateStores() {}

    /** Throws {@link IllegalArgumentException} with a helpful message if {@code spec} names no strategy. */
    public static void check(String spec) {
        create(spec);
    }

    public static StateStore create(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("no state store named");
        }
        String s = spec.trim().toLowerCase(Locale.ROOT);
        String[] parts = s.split(":", 2);
        String arg = parts.length > 1 ? parts[1].trim() : null;
        try {
            switch (parts[0]) {
                case "hotroom":
                    noArg(spec, arg);
                    return new KeyHistoryStateStore();
                case "blocks":
                    noArg(spec, arg);
                    return new BlockStateStore();
                case "synapse":
                    return DeltaChainStateStore.synapse(arg == null ? DeltaChainStateStore.SYNAPSE_MAX_HOPS
                            : Integer.parseInt(arg));
                case "levels":
                    return DeltaChainStateStore.levels(arg == null ? new int[] {100, 50, 25}
                            : Arrays.stream(arg.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray());
                default:
                    break;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad numbers in state store \"" + spec + "\"", e);
        }
        throw new IllegalArgumentException("unknown state store \"" + spec
                + "\"; use hotroom, blocks, synapse[:hops] or levels[:n,n,...]");
    }

    private static void noArg(String spec, String arg) {
        if (arg != null) {
            throw new IllegalArgumentException("state store \"" + spec + "\" takes no parameters");
        }
    }
}
