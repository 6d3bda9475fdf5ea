package org.hotroom.logic.account;

/**
 * The owner of the access token of a request, as resolved by {@link AccessTokens}.
 *
 * @param userId    the full user ID, e.g. {@code @alice:example.org}
 * @param localpart the user's localpart, the key of the account records
 * @param deviceId  the device the token belongs to
 */
public record Authenticated(String userId, String localpart, String deviceId) {}
