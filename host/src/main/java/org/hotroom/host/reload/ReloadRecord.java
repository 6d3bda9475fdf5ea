package org.hotroom.host.reload;

import java.time.Instant;

/**
 * One entry of the reload history.
 *
 * @param action     "start", "reload" or "rollback"
 * @param source     where the jar came from (admin API, deploy dir file, restart, ...)
 * @param generation the generation activated, or 0 when the attempt failed
 * @param error      for a failure, its kind and message; for a success, null, or why the new
 *                   generation could not be stored for restarts (it serves all the same)
 * @param swapMillis from the request to the new generation serving; for failures, until refused
 * @param phases     milliseconds spent in each stage that was reached: check, install, resolve,
 *                   start, activate, smoke, switch, and after the switch persist (storing the jar
 *                   and the lineage for restarts)
 */
public record ReloadRecord(Instant at, String action, String source, boolean ok, int generation, String version,
                           String error, double swapMillis, java.util.Map<String, Double> phases) {}
