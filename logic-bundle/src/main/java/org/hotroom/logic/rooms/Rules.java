package org.hotroom.logic.rooms;

import org.hotroom.logic.auth.AuthRules;
import org.hotroom.logic.auth.ServerSignatureCheck;
import org.hotroom.logic.crypto.Ed25519;

/** The authorisation rules as the rooms code runs them. */
final class Rules {

    /**
     * Third-party invite signatures are verified with Ed25519. For rule 4.2.1 (restricted joins)
     * the signature of the authorising server is only looked for: signatures are verified before
     * an event reaches {@link EventPersister}, which is where the federation will check them.
     */
    static final AuthRules AUTH = new AuthRules(
            (publicKey, message, signature) -> Ed25519.preferred().verify(publicKey, message, signature),
            ServerSignatureCheck.SIGNATURE_PRESENT);

    private Rules() {}
}
