package org.hotroom.logic.auth;

/**
 * The outcome of the authorisation rules: allowed or rejected, with the rule that decided (its
 * number in the room version's own list, e.g. {@code "4.6.2"}) and a reason a protocol developer
 * can act on, e.g. {@code "rule 4.6.2 (v10): sender @bob:b has power level 50, below the ban level 100"}.
 *
 * @param allowed whether the event passes
 * @param rule    the number of the deciding rule in the room version's list, e.g. {@code "4.3.6"}
 * @param reason  a sentence naming the rule, the room version and the values compared
 */
public record Decision(boolean allowed, String rule, String reason) {

    static Decision allow(RuleNumbers n, String rule, String why) {
        return new Decision(true, rule, n.label(rule) + why);
    }

    static Decision reject(RuleNumbers n, String rule, String why) {
        return new Decision(false, rule, n.label(rule) + why);
    }

    public boolean rejected() {
        return !allowed;
    }

    @Override
    public String toString() {
        return (allowed ? "allowed by " : "rejected by ") + reason;
    }
}
