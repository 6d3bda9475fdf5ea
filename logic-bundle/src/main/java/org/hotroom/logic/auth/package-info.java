/**
 * The authorisation rules of room versions 1–12 (spec: rooms/vN, "Authorisation rules"; server-server
 * API, "Checks performed on receipt of a PDU" and "Auth events selection").
 *
 * <ul>
 *   <li>{@link org.hotroom.logic.auth.AuthRules}: the rules; {@code check} against a state,
 *       {@code checkWithAuthEvents} against the event's own auth events.</li>
 *   <li>{@link org.hotroom.logic.auth.RuleSet}: what differs between room versions
 *       ({@code RuleSet.forVersion("10")}).</li>
 *   <li>{@link org.hotroom.logic.auth.AuthEvent}, {@link org.hotroom.logic.auth.AuthState}: the
 *       read-only views the rules need; {@link org.hotroom.logic.auth.JsonAuthEvent} adapts raw JSON.</li>
 *   <li>{@link org.hotroom.logic.auth.AuthEventsSelection}: which state an event cites.</li>
 *   <li>{@link org.hotroom.logic.auth.PowerLevels}: levels as the rules read them (also for state
 *       resolution's ordering).</li>
 *   <li>{@link org.hotroom.logic.auth.Decision}: allowed or rejected, naming the rule.</li>
 * </ul>
 *
 * Pure and synchronous: no IO, no state between calls. Ed25519 and server signature checks are
 * injected ({@link org.hotroom.logic.auth.SignatureVerifier},
 * {@link org.hotroom.logic.auth.ServerSignatureCheck}).
 */
package org.hotroom.logic.auth;
