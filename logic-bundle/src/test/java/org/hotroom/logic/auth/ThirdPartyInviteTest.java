package org.hotroom.logic.auth;

import static org.hotroom.logic.auth.Room.ALICE;
import static org.hotroom.logic.auth.Room.BOB;
import static org.hotroom.logic.auth.Room.CAROL;
import static org.hotroom.logic.auth.Room.allowed;
import static org.hotroom.logic.auth.Room.rejected;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import org.hotroom.logic.json.CanonicalJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invites with {@code content.third_party_invite} (4.4.1.1–4.4.1.8 in v6–11 numbering) with real
 * Ed25519 signatures, and the {@code m.room.third_party_invite} event's own rule (6).
 */
class ThirdPartyInviteTest {

    static final TestEd25519.Key IDENTITY_SERVER = TestEd25519.generate();
    static final TestEd25519.Key OTHER = TestEd25519.generate();
    static final String TOKEN = "abc123";

    static List<String> all() {
        return Room.versions(1, 12);
    }

    static String b64(byte[] b) {
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }

    /** A room where alice sent an m.room.third_party_invite with the identity server's key. */
    static Room room(String version, Object... tpiContent) {
        Room r = Room.standard(version, "invite");
        ObjectNode content = tpiContent.length > 0 ? J.o(tpiContent)
                : J.o("display_name", "carol@example.org", "key_validity_url", "https://id.example.org/isvalid",
                        "public_key", b64(IDENTITY_SERVER.publicKey()));
        r.apply(r.state(EventTypes.THIRD_PARTY_INVITE, TOKEN, ALICE, content));
        return r;
    }

    /** {@code signed} for carol, signed by {@code key} as id.example.org. */
    static ObjectNode signed(String mxid, String token, TestEd25519.Key key) {
        ObjectNode signed = J.o("mxid", mxid, "token", token, "sender", ALICE);
        byte[] sig = key.sign(CanonicalJson.encode(signed));
        signed.set("signatures", J.o("id.example.org", J.o("ed25519:0", b64(sig))));
        return signed;
    }

    static JsonAuthEvent invite(Room r, String sender, ObjectNode tpi) {
        return r.member(sender, CAROL, "invite", "third_party_invite", tpi);
    }

    static String rule(Room r, int sub) {
        return Rules.invite(r.v, "1." + sub);
    }

    @ParameterizedTest
    @MethodSource("all")
    void aValidlySignedThirdPartyInviteIsAllowed(String version) {
        // 4.4.1.7 If any signature in signed matches any public key in the
        // m.room.third_party_invite event, allow.
        Room r = room(version);
        JsonAuthEvent e = invite(r, ALICE, J.o("display_name", "carol", "signed", signed(CAROL, TOKEN, IDENTITY_SERVER)));
        allowed(r.check(e), rule(r, 7));
        // it cites the m.room.third_party_invite event and passes against its auth events
        allowed(r.checkWithAuthEvents(e), rule(r, 7));
    }

    @ParameterizedTest
    @MethodSource("all")
    void eachCheckInOrder(String version) {
        Room r = room(version);
        ObjectNode good = signed(CAROL, TOKEN, IDENTITY_SERVER);
        // 4.4.1.2 If content.third_party_invite does not have a signed property, reject.
        rejected(r.check(invite(r, ALICE, J.o("display_name", "carol"))), rule(r, 2), "no signed");
        rejected(r.check(r.member(ALICE, CAROL, "invite", "third_party_invite", "x")), rule(r, 2));
        // 4.4.1.3 If signed does not have mxid and token properties, reject.
        ObjectNode noToken = good.deepCopy();
        noToken.remove("token");
        rejected(r.check(invite(r, ALICE, J.o("signed", noToken))), rule(r, 3), "lacks token");
        ObjectNode noMxid = good.deepCopy();
        noMxid.remove("mxid");
        rejected(r.check(invite(r, ALICE, J.o("signed", noMxid))), rule(r, 3), "lacks mxid");
        rejected(r.check(invite(r, ALICE, J.o("signed", "not an object"))), rule(r, 3));
        // 4.4.1.4 If mxid does not match state_key, reject.
        rejected(r.check(invite(r, ALICE, J.o("signed", signed(BOB, TOKEN, IDENTITY_SERVER)))), rule(r, 4));
        // 4.4.1.5 If there is no m.room.third_party_invite event in the current room state with
        // state_key matching token, reject.
        rejected(r.check(invite(r, ALICE, J.o("signed", signed(CAROL, "other", IDENTITY_SERVER)))), rule(r, 5),
                "\"other\"");
        ObjectNode numericToken = good.deepCopy().put("token", 5);
        rejected(r.check(invite(r, ALICE, J.o("signed", numericToken))), rule(r, 5));
        // 4.4.1.6 If sender does not match sender of the m.room.third_party_invite, reject.
        r.setMembership(BOB, "join");
        rejected(r.check(invite(r, BOB, J.o("signed", good))), rule(r, 6), "is not the sender");
        // 4.4.1.8 Otherwise, reject.
        rejected(r.check(invite(r, ALICE, J.o("signed", signed(CAROL, TOKEN, OTHER)))), rule(r, 8), "verifies");
        // 4.4.1.1 If target user is banned, reject. (first, before anything else)
        r.setMembership(CAROL, "ban");
        rejected(r.check(invite(r, ALICE, J.o("display_name", "carol"))), rule(r, 1), "banned");
        rejected(r.check(invite(r, ALICE, J.o("signed", good))), rule(r, 1));
    }

    @ParameterizedTest
    @MethodSource("all")
    void tamperedSignedContentFailsVerification(String version) {
        Room r = room(version);
        ObjectNode s = signed(CAROL, TOKEN, IDENTITY_SERVER);
        s.put("extra", "added after signing");
        rejected(r.check(invite(r, ALICE, J.o("signed", s))), rule(r, 8));
        // unsigned is not part of the signed bytes
        ObjectNode u = signed(CAROL, TOKEN, IDENTITY_SERVER);
        u.set("unsigned", J.o("age", 5));
        allowed(r.check(invite(r, ALICE, J.o("signed", u))), rule(r, 7));
    }

    @Test
    void keysAndSignaturesInEveryAcceptedForm() {
        ObjectNode s = signed(CAROL, TOKEN, IDENTITY_SERVER);
        // a key in public_keys only, URL-safe and padded
        String urlSafePadded = Base64.getUrlEncoder().encodeToString(IDENTITY_SERVER.publicKey());
        Room r = room("10", "display_name", "x", "public_key", b64(OTHER.publicKey()),
                "public_keys", J.a(J.o("public_key", b64(OTHER.publicKey())), J.o("public_key", urlSafePadded,
                        "key_validity_url", "https://id.example.org/isvalid")));
        allowed(r.check(invite(r, ALICE, J.o("signed", s))), "4.4.1.7");
        // no usable key
        Room r2 = room("10", "display_name", "x", "public_key", "!!!not base64");
        rejected(r2.check(invite(r2, ALICE, J.o("signed", s))), "4.4.1.8", "no usable public key");
        // signatures under an algorithm we do not understand are ignored
        ObjectNode weird = signed(CAROL, TOKEN, IDENTITY_SERVER);
        String sig = weird.get("signatures").get("id.example.org").get("ed25519:0").textValue();
        weird.set("signatures", J.o("id.example.org", J.o("curve25519:0", sig)));
        Room r3 = room("10");
        rejected(r3.check(invite(r3, ALICE, J.o("signed", weird))), "4.4.1.8", "no decodable ed25519 signature");
        // any one matching signature among several suffices
        ObjectNode several = signed(CAROL, TOKEN, IDENTITY_SERVER);
        ((ObjectNode) several.get("signatures")).set("other.example.org", J.o("ed25519:1", b64(new byte[64])));
        allowed(r3.check(invite(r3, ALICE, J.o("signed", several))), "4.4.1.7");
        // no signatures at all
        ObjectNode none = signed(CAROL, TOKEN, IDENTITY_SERVER);
        none.remove("signatures");
        rejected(r3.check(invite(r3, ALICE, J.o("signed", none))), "4.4.1.8", "no signatures");
    }

    @ParameterizedTest
    @MethodSource("all")
    void thirdPartyInvitesSkipTheInvitersMembershipAndLevel(String version) {
        // Rule 4.4.1 allows at 4.4.1.7 before 4.4.2 (sender joined) and 4.4.4 (invite level) are
        // reached: the signature is the authority. (Rule 6 still governed the
        // m.room.third_party_invite event itself.)
        Room r = room(version);
        r.setPowerLevels(r.plContent().put("invite", 1000));
        r.setMembership(ALICE, "leave");
        allowed(r.check(invite(r, ALICE, J.o("signed", signed(CAROL, TOKEN, IDENTITY_SERVER)))), rule(r, 7));
    }

    @ParameterizedTest
    @MethodSource("all")
    void theThirdPartyInviteEventNeedsTheInviteLevel(String version) {
        // 6. If type is m.room.third_party_invite: Allow if and only if sender's current power
        // level is greater than or equal to the invite level.
        Room r = Room.standard(version, "invite", "invite", 50, "state_default", 0);
        r.setMembership(BOB, "join");
        JsonAuthEvent low = r.state(EventTypes.THIRD_PARTY_INVITE, "t", BOB, J.o("public_key", "x"));
        rejected(r.check(low), Rules.thirdPartyInvite(r.v), "below the invite level 50");
        allowed(r.check(r.state(EventTypes.THIRD_PARTY_INVITE, "t", ALICE, J.o("public_key", "x"))),
                Rules.thirdPartyInvite(r.v));
        // the invite level replaces the state level: even state_default 100 does not matter
        Room r2 = Room.standard(version, "invite", "invite", 0, "state_default", 100);
        r2.setMembership(BOB, "join");
        allowed(r2.check(r2.state(EventTypes.THIRD_PARTY_INVITE, "t", BOB, J.o("public_key", "x"))),
                Rules.thirdPartyInvite(r2.v));
        // 5. the sender must be joined first
        r2.setMembership(BOB, "invite");
        rejected(r2.check(r2.state(EventTypes.THIRD_PARTY_INVITE, "t", BOB, J.o())), Rules.senderJoined(r2.v));
    }
}
