package org.hotroom.api;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A benchmark a bundle offers, run by {@code ./hotroom bench NAME} inside the real framework, so
 * it measures the code exactly as the server runs it (embedded native libraries included).
 * Registered as an OSGi service; the host picks it by {@link #name()}.
 */
public interface Benchmark {

    /** The name after {@code hotroom bench}, e.g. {@code state-store}. */
    String name();

    /** One line on what it measures and its options, for the command's help. */
    String usage();

    /**
     * Runs it. Prints a human-readable table to {@code out} and, as its last line, one JSON object
     * with the figures.
     *
     * @param args    the command-line arguments after the name
     * @param workDir an empty directory for the benchmark's data, deleted afterwards
     * @return the exit status: 0, or 2 for bad arguments
     */
    int run(List<String> args, Path workDir, PrintStream out) throws Exception;
}
