/**
 * State resolution (spec: rooms/v1, rooms/v2 and rooms/v12 "State resolution"; MSC4297 for v2.1):
 * the state of a room where branches of its DAG merge.
 *
 * <ul>
 *   <li>{@link org.hotroom.logic.stateres.StateResolver}: the entry point; the algorithm of the room
 *       version (v1, v2 for 2–11, v2.1 for 12), its steps as the spec states them, and the
 *       complexity.</li>
 *   <li>{@link org.hotroom.logic.stateres.EventSource} and
 *       {@link org.hotroom.logic.stateres.StateResEvent}: how events reach it (the server: its
 *       event store; the tool and tests: {@link org.hotroom.logic.stateres.JsonStateResEvent}).</li>
 *   <li>{@link org.hotroom.logic.stateres.Interpretation}: the spec's letter (default) or Synapse's
 *       reading, where they differ.</li>
 *   <li>{@link org.hotroom.logic.stateres.AuthChains}: auth chains and the auth difference, also
 *       for the server-server API.</li>
 *   <li>{@link org.hotroom.logic.stateres.ResolveStateTool}: {@code ./hotroom tool resolve-state}.</li>
 * </ul>
 *
 * <p>Internally each resolution interns event IDs to ints ({@code EventGraph}) and every step
 * ({@code Separation}, {@code AuthChains}, {@code PowerOrdering}, {@code MainlineOrdering},
 * {@code IterativeAuthChecks}, {@code StateResolutionV2}, {@code StateResolutionV1}) works on int
 * arrays. Pure and synchronous: no IO, no threads, nothing kept between calls.
 */
package org.hotroom.logic.stateres;
