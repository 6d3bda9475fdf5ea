package org.hotroom.logic.stateres;

import static org.hotroom.logic.stateres.Dag.ALICE;
import static org.hotroom.logic.stateres.Dag.BOB;
import static org.hotroom.logic.stateres.Dag.node;
import static org.hotroom.logic.stateres.Dag.o;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hotroom.logic.auth.EventTypes;
import org.hotroom.logic.auth.TypeAndKey;
import org.junit.jupiter.api.Test;

/** What resolution refuses, and how it says so. */
class ErrorsTest {

    static Dag banScenario(String version) {
        Dag d = new Dag(version);
        d.build(List.of(
                node("PA", ALICE, EventTypes.POWER_LEVELS, "", d.pl(ALICE, 100, BOB, 50)),
                node("MB", ALICE, EventTypes.MEMBER, BOB, o("membership", "ban")),
                node("PB", BOB, EventTypes.POWER_LEVELS, "", d.pl(ALICE, 100, BOB, 50))),
                new String[] {"END", "MB", "PA", "START"},
                new String[] {"END", "PB", "PA"});
        return d;
    }

    @Test
    void missingEventsAreAllNamed() {
        Dag d = banScenario("10");
        Map<String, SimpleEvent> partial = new HashMap<>(d.events);
        partial.remove(d.id("IPOWER"));
        partial.remove(d.id("IJR"));
        List<Map<TypeAndKey, String>> sets = List.of(d.after.get("MB"), d.after.get("PB"));
        MissingEventsException e = assertThrows(MissingEventsException.class,
                () -> d.resolver.resolve(d.version, sets, EventSource.of(partial)));
        assertEquals(List.of(d.id("IJR"), d.id("IPOWER")), e.missing());
        assertTrue(e.getMessage().startsWith("2 events are missing"), e.getMessage());
        assertTrue(e.getMessage().contains(d.id("IPOWER") + " (cited by "), e.getMessage());
    }

    @Test
    void authEventsCycleIsRefused() {
        // room version 1–2 event IDs are not hashes, so a malicious server can make a cycle
        Map<String, SimpleEvent> ev = new HashMap<>();
        ev.put("$a:x", new SimpleEvent("$a:x", "m.room.topic", "", "@u:x", null, "!r:x", List.of("$b:x"), List.of(), 2, 1,
                false));
        ev.put("$b:x", new SimpleEvent("$b:x", "m.room.name", "", "@u:x", null, "!r:x", List.of("$a:x"), List.of(), 2, 1,
                false));
        ev.put("$c:x", new SimpleEvent("$c:x", "m.room.topic", "", "@u:x", null, "!r:x", List.of(), List.of(), 2, 1,
                false));
        Map<TypeAndKey, String> s1 = Map.of(TypeAndKey.of("m.room.topic", ""), "$a:x");
        Map<TypeAndKey, String> s2 = Map.of(TypeAndKey.of("m.room.topic", ""), "$c:x");
        StateResolutionException e = assertThrows(StateResolutionException.class,
                () -> new StateResolver(Dag.AUTH).resolve(org.hotroom.logic.room.RoomVersions.V2, List.of(s1, s2),
                        EventSource.of(ev)));
        assertTrue(e.getMessage().contains("DAG"), e.getMessage());
    }

    @Test
    void eventUnderAnotherKeyIsRefused() {
        Dag d = banScenario("10");
        Map<TypeAndKey, String> wrong = new LinkedHashMap<>(d.after.get("PB"));
        wrong.put(TypeAndKey.of("m.room.topic", ""), d.id("PB"));
        StateResolutionException e = assertThrows(StateResolutionException.class,
                () -> d.resolve(List.of(d.after.get("MB"), wrong)));
        assertTrue(e.getMessage().contains("is listed under (m.room.topic, \"\")"), e.getMessage());
    }

    @Test
    void stateSetsFromEventIds() {
        Dag d = banScenario("10");
        List<Map<TypeAndKey, String>> sets = StateResolver.stateSetsOf(
                List.of(List.copyOf(d.after.get("MB").values()), List.copyOf(d.after.get("PB").values())), d.source());
        assertEquals(d.after.get("MB"), sets.get(0));
        StateResolutionException dup = assertThrows(StateResolutionException.class,
                () -> StateResolver.stateSetsOf(List.of(List.of(d.id("PA"), d.id("PB"))), d.source()));
        assertTrue(dup.getMessage().contains("two events for (m.room.power_levels, \"\")"), dup.getMessage());
        StateResolutionException message = assertThrows(StateResolutionException.class,
                () -> StateResolver.stateSetsOf(List.of(List.of(d.id("END"))), d.source()));
        assertTrue(message.getMessage().contains("not a state event"), message.getMessage());
        assertThrows(MissingEventsException.class,
                () -> StateResolver.stateSetsOf(List.of(List.of("$nowhere")), d.source()));
    }

    @Test
    void noStateSetsResolveToNothingAndOneToItself() {
        Dag d = banScenario("11");
        assertTrue(d.resolve(List.of()).isEmpty());
        assertEquals(d.after.get("MB"), d.resolve(List.of(d.after.get("MB"))));
    }

    @Test
    void version12NeedsTheCreateEventItsRoomIdNames() {
        Dag d = banScenario("12");
        Map<String, SimpleEvent> partial = new HashMap<>(d.events);
        partial.remove(d.id("CREATE"));
        Map<TypeAndKey, String> s1 = new LinkedHashMap<>(d.after.get("MB"));
        Map<TypeAndKey, String> s2 = new LinkedHashMap<>(d.after.get("PB"));
        s1.remove(TypeAndKey.of(EventTypes.CREATE, ""));
        s2.remove(TypeAndKey.of(EventTypes.CREATE, ""));
        MissingEventsException e = assertThrows(MissingEventsException.class,
                () -> d.resolver.resolve(d.version, List.of(s1, s2), EventSource.of(partial)));
        assertEquals(List.of("$CREATE"), e.missing());
    }

    @Test
    void interpretationLabels() {
        assertEquals(Interpretation.SPEC, Interpretation.ofLabel("spec"));
        assertEquals(Interpretation.SYNAPSE, Interpretation.ofLabel("synapse"));
        assertEquals(null, Interpretation.ofLabel("SPEC"));
    }
}
