package org.hotroom.logic.stateres;

import static org.hotroom.logic.stateres.Dag.ALICE;
import static org.hotroom.logic.stateres.Dag.BOB;
import static org.hotroom.logic.stateres.Dag.CHARLIE;
import static org.hotroom.logic.stateres.Dag.EVELYN;
import static org.hotroom.logic.stateres.Dag.ZARA;
import static org.hotroom.logic.stateres.Dag.o;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hotroom.logic.auth.EventTypes;
import org.hotroom.logic.auth.TypeAndKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random rooms with many forks: at every merge the real resolver must agree with
 * {@link NaiveResolver}, a literal transcription of the spec's definitions, in both
 * interpretations; and the order of the state sets must not matter.
 */
class RandomRoomsTest {

    static final String[] USERS = {ALICE, BOB, CHARLIE, ZARA, EVELYN};

    @ParameterizedTest(name = "v{0}")
    @CsvSource({"2", "6", "10", "11", "12"})
    void agreesWithTheNaiveResolver(String version) {
        int merges = 0;
        int conflictedMerges = 0;
        for (Interpretation in : Interpretation.values()) {
            NaiveResolver naive = new NaiveResolver(Dag.AUTH, in);
            for (int s = 0; s < 30; s++) {
                int seed = s;
                Dag d = new Dag(version, in);
                int[] counts = new int[2];
                d.onMerge = (sets, resolved) -> {
                    counts[0]++;
                    Map<TypeAndKey, String> expected = naive.resolve(d.version, sets, d.events);
                    assertEquals(new HashMap<>(expected), new HashMap<>(resolved), () -> "v" + version + " " + in
                            + " seed " + seed + " sets " + sets);
                    List<Map<TypeAndKey, String>> reversed = new ArrayList<>(sets);
                    Collections.reverse(reversed);
                    assertEquals(new HashMap<>(resolved), new HashMap<>(d.resolve(reversed)));
                    Resolution r = d.resolver.resolveWithStats(d.version, sets, d.source());
                    if (r.stats().conflictedKeys > 0) {
                        counts[1]++;
                    }
                };
                grow(d, new SplittableRandom(seed * 7919L + Integer.parseInt(version)), 80);
                merges += counts[0];
                conflictedMerges += counts[1];
            }
        }
        assertTrue(conflictedMerges > 200, "too few conflicted merges: " + conflictedMerges + " of " + merges);
    }

    /** A random room: the usual start, then {@code n} random events on random branches. */
    static void grow(Dag d, SplittableRandom rnd, int n) {
        grow(d, rnd, n, 20);
    }

    /** ... with one event in {@code rejectOneIn} (0: none) marked rejected. */
    static void grow(Dag d, SplittableRandom rnd, int n, int rejectOneIn) {
        d.add("CREATE", ALICE, EventTypes.CREATE, "", d.createContent());
        d.add("IMA", ALICE, EventTypes.MEMBER, ALICE, Dag.join(), "CREATE");
        d.add("IPOWER", ALICE, EventTypes.POWER_LEVELS, "", d.pl(ALICE, 100, BOB, 50), "IMA");
        d.add("IJR", ALICE, EventTypes.JOIN_RULES, "", o("join_rule", "public"), "IPOWER");
        d.add("IMB", BOB, EventTypes.MEMBER, BOB, Dag.join(), "IJR");
        d.add("IMC", CHARLIE, EventTypes.MEMBER, CHARLIE, Dag.join(), "IMB");
        List<String> nodes = new ArrayList<>(List.of("CREATE", "IMA", "IPOWER", "IJR", "IMB", "IMC"));
        LinkedHashSet<String> extremities = new LinkedHashSet<>(List.of("IMC"));
        for (int i = 0; i < n; i++) {
            String name = "E" + i;
            List<String> prevs = new ArrayList<>();
            double p = rnd.nextDouble();
            List<String> ext = new ArrayList<>(extremities);
            if (p < 0.25 && ext.size() >= 2) {
                Collections.shuffle(ext, new java.util.Random(rnd.nextLong()));
                prevs.addAll(ext.subList(0, Math.min(ext.size(), 2 + rnd.nextInt(2))));
            } else if (p < 0.45) {
                prevs.add(nodes.get(nodes.size() - 1 - rnd.nextInt(Math.min(8, nodes.size() - 5))));
            } else {
                prevs.add(ext.get(rnd.nextInt(ext.size())));
            }
            String sender = USERS[rnd.nextInt(USERS.length)];
            String target = USERS[rnd.nextInt(USERS.length)];
            int kind = rnd.nextInt(10);
            switch (kind) {
                case 0, 1 -> d.add(name, sender, "m.room.topic", "", o("topic", name), prevs.toArray(new String[0]));
                case 2 -> {
                    ObjectNode pl = d.pl(ALICE, 100, BOB, rnd.nextInt(3) * 50, CHARLIE, rnd.nextInt(3) * 50,
                            ZARA, rnd.nextInt(2) * 50);
                    if (rnd.nextBoolean()) {
                        pl.set("events", o("m.room.topic", rnd.nextInt(2) * 50));
                    }
                    d.add(name, sender, EventTypes.POWER_LEVELS, "", pl, prevs.toArray(new String[0]));
                }
                case 3 -> d.add(name, sender, EventTypes.JOIN_RULES, "",
                        o("join_rule", rnd.nextBoolean() ? "public" : "invite"), prevs.toArray(new String[0]));
                case 4, 5 -> d.add(name, sender, EventTypes.MEMBER, sender, Dag.join(), prevs.toArray(new String[0]));
                case 6 -> d.add(name, sender, EventTypes.MEMBER, sender, o("membership", "leave"),
                        prevs.toArray(new String[0]));
                case 7 -> d.add(name, sender, EventTypes.MEMBER, target,
                        o("membership", rnd.nextBoolean() ? "ban" : "leave"), prevs.toArray(new String[0]));
                case 8 -> d.add(name, sender, EventTypes.MEMBER, target, o("membership", "invite"),
                        prevs.toArray(new String[0]));
                default -> d.add(name, sender, "m.room.name", "", o("name", name), prevs.toArray(new String[0]));
            }
            if (rejectOneIn > 0 && rnd.nextInt(rejectOneIn) == 0) {
                d.reject(name);
            }
            nodes.add(name);
            extremities.removeAll(prevs);
            extremities.add(name);
        }
    }
}
