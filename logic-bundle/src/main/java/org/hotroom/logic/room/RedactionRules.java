package org.hotroom.logic.room;

/**
 * The parts of the redaction algorithm that differ between room versions. The algorithm itself is
 * {@link org.hotroom.logic.event.Redaction}; the text each flag comes from is in the rooms
 * fragments v1-redactions, v6-redactions, v9-redactions and v11-redactions of the spec (and the
 * inline algorithm of rooms/v8).
 *
 * @param keepOriginMembershipPrevState top-level {@code origin}, {@code membership} and
 *        {@code prev_state} survive (v1 to v10; v11 dropped them)
 * @param keepAliases {@code m.room.aliases} keeps {@code aliases} (v1 to v5; v6 removed it)
 * @param keepJoinRulesAllow {@code m.room.join_rules} keeps {@code allow} (v8 and later)
 * @param keepJoinAuthorisedViaUsersServer {@code m.room.member} keeps
 *        {@code join_authorised_via_users_server} (v9 and later)
 * @param keepThirdPartyInviteSigned {@code m.room.member} keeps {@code third_party_invite}, reduced
 *        to its {@code signed} key (v11 and later)
 * @param keepAllCreateContent {@code m.room.create} keeps its whole content (v11 and later;
 *        before, only {@code creator})
 * @param keepPowerLevelsInvite {@code m.room.power_levels} also keeps {@code invite} (v11 and later)
 * @param keepRedactionRedacts {@code m.room.redaction} keeps {@code content.redacts} (v11 and later)
 */
public record RedactionRules(
        boolean keepOriginMembershipPrevState,
        boolean keepAliases,
        boolean keepJoinRulesAllow,
        boolean keepJoinAuthorisedViaUsersServer,
        boolean keepThirdPartyInviteSigned,
        boolean keepAllCreateContent,
        boolean keepPowerLevelsInvite,
        boolean keepRedactionRedacts) {

    /** Rooms v1 to v5 (fragment v1-redactions). */
    public static final RedactionRules V1 = new RedactionRules(true, true, false, false, false, false, false, false);
    /** Rooms v6 and v7 (fragment v6-redactions): {@code m.room.aliases} loses its special case. */
    public static final RedactionRules V6 = new RedactionRules(true, false, false, false, false, false, false, false);
    /** Room v8 (rooms/v8 "Redactions"): {@code m.room.join_rules} keeps {@code allow}. */
    public static final RedactionRules V8 = new RedactionRules(true, false, true, false, false, false, false, false);
    /** Rooms v9 and v10 (fragment v9-redactions): member events keep {@code join_authorised_via_users_server}. */
    public static final RedactionRules V9 = new RedactionRules(true, false, true, true, false, false, false, false);
    /** Rooms v11 and v12 (fragment v11-redactions, MSC2176 and MSC3821). */
    public static final RedactionRules V11 = new RedactionRules(false, false, true, true, true, true, true, true);
}
