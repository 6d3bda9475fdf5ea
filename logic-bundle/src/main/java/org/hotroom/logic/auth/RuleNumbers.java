package org.hotroom.logic.auth;

/**
 * The numbers the rules carry in each room version's list, so that a rejection names the rule as
 * the reader of that version's page finds it. The lists only ever insert or remove whole points:
 *
 * <pre>
 *              create  v12 room_id  auth_events  m.federate  aliases  member  joined  3pid  level  @  power_levels  redaction  otherwise
 *   v1–v2      1       –            2            3           4        5       6       7     8      9  10            11         12
 *   v3–v5      1       –            2            3           4        5       6       7     8      9  10            –          11
 *   v6–v11     1       –            2            3           –        4       5       6     7      8  9             –          10
 *   v12        1       2            3            4           –        5       6       7     8      9  10            –          11
 *
 *   member:      .1 state_key/membership, [v8+ .2 join_authorised_via_users_server signature], then
 *                join, invite, leave, ban, [v7+ knock], unknown
 *   join:        .1 creator, .2 sender≠state_key, .3 banned, .4 invite(/knock), [v8+ .5 restricted], public, otherwise
 *   power_levels: v1–9: .1 users, .2 no previous, .3 … .8
 *                 v10–11: .1 integers, .2 events/notifications, .3 users, .4 no previous, .5 … .10
 *                 v12: as v10 plus .4 creators in users, so .5 no previous, .6 … .11
 * </pre>
 *
 * (The v12 page numbers its last power-levels point "10" twice; the second is called 10.11 here.)
 */
final class RuleNumbers {

    final String version;

    final int create = 1;
    /** v12 only: the room_id names an accepted create event. */
    final int roomIdIsCreate;
    final int authEvents;
    final int federate;
    /** v1–5 only. */
    final int aliases;
    final int member;
    final int senderJoined;
    final int thirdPartyInvite;
    final int requiredLevel;
    final int stateKeyIsSender;
    final int powerLevels;
    /** v1–2 only. */
    final int redaction;
    final int otherwise;

    // member sub-rules
    final int mFields = 1;
    final int mAuthorisingSignature;
    final int mJoin;
    final int mInvite;
    final int mLeave;
    final int mBan;
    final int mKnock;
    final int mUnknown;

    // join sub-rules
    final int jCreator = 1;
    final int jSenderIsTarget = 2;
    final int jBanned = 3;
    final int jInvite = 4;
    final int jRestricted;
    final int jPublic;
    final int jOtherwise;

    // power_levels sub-rules
    final int plIntegers;
    final int plMaps;
    final int plUsers;
    final int plCreators;
    final int plNoPrevious;
    final int plFields;
    final int plEventsOld;
    final int plEventsNew;
    final int plUsersOld;
    final int plUsersNew;
    final int plOtherwise;

    RuleNumbers(RuleSet r) {
        version = r.version();
        boolean v12 = r.createEventIsRoomId();
        roomIdIsCreate = v12 ? 2 : -1;
        authEvents = v12 ? 3 : 2;
        federate = v12 ? 4 : 3;
        aliases = r.aliasesRule() ? 4 : -1;
        member = (v12 || r.aliasesRule()) ? 5 : 4;
        senderJoined = member + 1;
        thirdPartyInvite = member + 2;
        requiredLevel = member + 3;
        stateKeyIsSender = member + 4;
        powerLevels = member + 5;
        redaction = r.redactionRule() ? member + 6 : -1;
        otherwise = member + (r.redactionRule() ? 7 : 6);

        mAuthorisingSignature = r.restrictedJoins() ? 2 : -1;
        mJoin = r.restrictedJoins() ? 3 : 2;
        mInvite = mJoin + 1;
        mLeave = mJoin + 2;
        mBan = mJoin + 3;
        mKnock = r.knocking() ? mJoin + 4 : -1;
        mUnknown = mJoin + (r.knocking() ? 5 : 4);

        jRestricted = r.restrictedJoins() ? 5 : -1;
        jPublic = r.restrictedJoins() ? 6 : 5;
        jOtherwise = r.restrictedJoins() ? 7 : 6;

        boolean ints = r.integerPowerLevels();
        plIntegers = ints ? 1 : -1;
        plMaps = ints ? 2 : -1;
        plUsers = ints ? 3 : 1;
        plCreators = r.infiniteCreators() ? plUsers + 1 : -1;
        plNoPrevious = (r.infiniteCreators() ? plCreators : plUsers) + 1;
        plFields = plNoPrevious + 1;
        plEventsOld = plNoPrevious + 2;
        plEventsNew = plNoPrevious + 3;
        plUsersOld = plNoPrevious + 4;
        plUsersNew = plNoPrevious + 5;
        plOtherwise = plNoPrevious + 6;
    }

    /** "rule 4.6.2 (v10): " */
    String label(String rule) {
        return "rule " + rule + " (v" + version + "): ";
    }

    static String n(int... parts) {
        StringBuilder b = new StringBuilder();
        for (int p : parts) {
            if (b.length() > 0) {
                b.append('.');
            }
            b.append(p);
        }
        return b.toString();
    }
}
