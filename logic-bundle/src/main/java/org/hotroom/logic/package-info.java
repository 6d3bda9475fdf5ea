/**
 * The Matrix logic: entry point {@link org.hotroom.logic.HotroomLogic}; every endpoint and its
 * handler is listed in {@link org.hotroom.logic.Routes}; {@link org.hotroom.logic.http.Dispatcher}
 * runs a step (route, token, JSON body, handler, errors).
 *
 * <ul>
 *   <li>{@code http} – routing, {@link org.hotroom.logic.http.Call}, {@link org.hotroom.logic.http.MatrixError}</li>
 *   <li>{@code json} – strict parsing, typed body access, canonical JSON</li>
 *   <li>{@code client}, {@code federation} – one handler per endpoint</li>
 *   <li>{@code account} – accounts, devices, access tokens, user-interactive auth</li>
 *   <li>{@code storage} – the per-step write buffer</li>
 * </ul>
 */
package org.hotroom.logic;
