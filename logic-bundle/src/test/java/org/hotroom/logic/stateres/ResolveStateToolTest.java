package org.hotroom.logic.stateres;

import static org.hotroom.logic.stateres.Dag.ALICE;
import static org.hotroom.logic.stateres.Dag.BOB;
import static org.hotroom.logic.stateres.Dag.node;
import static org.hotroom.logic.stateres.Dag.o;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hotroom.logic.auth.EventTypes;
import org.hotroom.logic.auth.TypeAndKey;
import org.hotroom.logic.json.CanonicalJson;
import org.hotroom.logic.json.StrictJson;
import org.hotroom.logic.tool.ToolMain;
import org.hotroom.logic.tool.Tools;
import org.junit.jupiter.api.Test;

/** {@code resolve-state} through the tool line protocol, in process. */
class ResolveStateToolTest {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    static List<JsonNode> run(String... lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ToolMain.run(Tools.find("resolve-state").orElseThrow(),
                new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)), out);
        List<JsonNode> res = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode n = StrictJson.parse(l.getBytes(StandardCharsets.UTF_8));
            assertEquals(CanonicalJson.encodeToString(n), l);
            res.add(n);
        }
        return res;
    }

    static Dag scenario(String version) {
        Dag d = new Dag(version);
        d.build(List.of(
                node("PA", ALICE, EventTypes.POWER_LEVELS, "", d.pl(ALICE, 100, BOB, 50)),
                node("MB", ALICE, EventTypes.MEMBER, BOB, o("membership", "ban")),
                node("PB", BOB, EventTypes.POWER_LEVELS, "", d.pl(ALICE, 100, BOB, 50))),
                new String[] {"END", "MB", "PA", "START"},
                new String[] {"END", "PB", "PA"});
        return d;
    }

    static ObjectNode request(Dag d, boolean pairs, String... branchNodes) {
        ObjectNode req = F.objectNode();
        req.put("room_version", d.version.id());
        ArrayNode sets = req.putArray("state_sets");
        for (String n : branchNodes) {
            ArrayNode s = sets.addArray();
            d.after.get(n).values().forEach(s::add);
        }
        ArrayNode events = req.putArray("events");
        d.events.values().stream().sorted((a, b) -> a.eventId().compareTo(b.eventId()))
                .forEach(e -> events.add(e.toJson(pairs)));
        return req;
    }

    static List<String> sortedIds(Map<TypeAndKey, String> state) {
        return state.values().stream().sorted(EventIds.ORDER).toList();
    }

    @Test
    void resolvesLikeTheLibrary() throws IOException {
        for (String version : List.of("1", "2", "10", "11", "12")) {
            Dag d = scenario(version);
            // v1-style [id, {hashes}] references where room versions 1-2 use them, strings after
            boolean pairs = d.v <= 2;
            List<JsonNode> out = run(CanonicalJson.encodeToString(request(d, pairs, "MB", "PB")));
            List<String> expected = sortedIds(d.resolve(List.of(d.after.get("MB"), d.after.get("PB"))));
            List<String> got = new ArrayList<>();
            out.get(0).get("state").forEach(n -> got.add(n.textValue()));
            assertEquals(expected, got, version + ": " + out.get(0));
            if (d.v >= 2) {
                assertTrue(got.contains(d.id("MB")), "bob's ban stands in v" + version);
                assertTrue(got.contains(d.id("PA")));
            }
        }
    }

    @Test
    void optionsAndErrors() throws IOException {
        Dag d = scenario("11");
        ObjectNode ok = request(d, false, "MB", "PB");
        ObjectNode synapse = ok.deepCopy().put("interpretation", "synapse");
        ObjectNode rejected = ok.deepCopy();
        rejected.putArray("rejected").add(d.id("MB"));
        ObjectNode badInterpretation = ok.deepCopy().put("interpretation", "dendrite");
        ObjectNode missing = ok.deepCopy();
        ArrayNode evs = (ArrayNode) missing.get("events");
        for (int i = evs.size() - 1; i >= 0; i--) {
            if (evs.get(i).get("event_id").textValue().equals(d.id("IPOWER"))) {
                evs.remove(i);
            }
        }
        ObjectNode noTs = ok.deepCopy();
        ((ObjectNode) noTs.get("events").get(0)).remove("origin_server_ts");
        ObjectNode unknownVersion = ok.deepCopy().put("room_version", "99");
        List<JsonNode> out = run(CanonicalJson.encodeToString(ok), CanonicalJson.encodeToString(synapse),
                CanonicalJson.encodeToString(rejected), CanonicalJson.encodeToString(badInterpretation),
                CanonicalJson.encodeToString(missing), CanonicalJson.encodeToString(noTs),
                CanonicalJson.encodeToString(unknownVersion), "{\"room_version\": \"11\", \"state_sets\": [], \"events\": []}");
        assertEquals(out.get(0), out.get(1));
        // MB rejected: still checked, and passes again (the spec's reading) ...
        assertTrue(out.get(2).get("state").toString().contains(d.id("MB")), out.get(2).toString());
        assertTrue(out.get(3).get("error").textValue().contains("interpretation"), out.get(3).toString());
        String err = out.get(4).get("error").textValue();
        assertTrue(err.contains(d.id("IPOWER")) && err.contains("missing"), err);
        assertTrue(out.get(5).get("error").textValue().contains("origin_server_ts"), out.get(5).toString());
        assertTrue(out.get(6).has("error"), out.get(6).toString());
        assertEquals("{\"state\":[]}", CanonicalJson.encodeToString(out.get(7)));
        // ... and with the synapse reading a rejected event is never admitted
        ObjectNode rejectedSynapse = rejected.deepCopy().put("interpretation", "synapse");
        JsonNode r = run(CanonicalJson.encodeToString(rejectedSynapse)).get(0);
        assertTrue(!r.get("state").toString().contains(d.id("MB")), r.toString());
    }

    @Test
    void checkAuthIsRegisteredToo() {
        assertTrue(Tools.find("check-auth").isPresent());
        assertTrue(Tools.find("resolve-state").isPresent());
    }
}
