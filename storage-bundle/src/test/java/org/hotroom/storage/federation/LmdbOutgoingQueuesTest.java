package org.hotroom.storage.federation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.api.storage.OutgoingQueues;
import org.hotroom.api.storage.StepScope;
import org.junit.jupiter.api.Test;

/** Per-destination queues on real LMDB: order, acknowledgement, isolation, durability, discard. */
class LmdbOutgoingQueuesTest extends FederationStores {

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<String> read(OutgoingQueues q, String destination, long after) {
        List<String> out = new ArrayList<>();
        q.read(destination, after, (seq, item) -> out.add(seq + "=" + new String(item, StandardCharsets.UTF_8)));
        return out;
    }

    @Test
    void sequencesArePerDestinationAndReadsGoInOrder() {
        run(st -> {
            OutgoingQueues q = st.outgoingQueues();
            assertEquals(1, q.append("x.org", b("a")));
            assertEquals(2, q.append("x.org", b("b")));
            assertEquals(1, q.append("x.or", b("other")));
            assertEquals(1, q.append("x.org:8448", b("port")));
            assertEquals(3, q.append("x.org", b("c")));
            assertEquals(List.of("1=a", "2=b", "3=c"), read(q, "x.org", 0), "before commit");
        });
        run(st -> {
            OutgoingQueues q = st.outgoingQueues();
            assertEquals(List.of("1=a", "2=b", "3=c"), read(q, "x.org", 0));
            assertEquals(List.of("1=a", "2=b", "3=c"), read(q, "x.org", -5));
            assertEquals(List.of("3=c"), read(q, "x.org", 2), "after is exclusive");
            assertEquals(List.of(), read(q, "x.org", 3));
            assertEquals(List.of(), read(q, "x.org", Long.MAX_VALUE));
            assertEquals(List.of("1=other"), read(q, "x.or", 0), "no bleeding between destinations");
            assertEquals(List.of("1=port"), read(q, "x.org:8448", 0));
            assertEquals(List.of(), read(q, "y.org", 0));
            assertEquals(List.of("x.or", "x.org", "x.org:8448"), q.destinations());
            List<Long> first = new ArrayList<>();
            q.read("x.org", 0, (seq, item) -> first.add(seq) && false);
            assertEquals(List.of(1L), first, "the visitor stops the walk");
        });
    }

    @Test
    void acknowledgedItemsGoAndTheirNumbersStaySpent() {
        run(st -> {
            for (int i = 1; i <= 5; i++) {
                st.outgoingQueues().append("x.org", b("item" + i));
            }
            st.outgoingQueues().append("y.org", b("y1"));
        });
        run(st -> {
            OutgoingQueues q = st.outgoingQueues();
            q.acknowledge("x.org", 2);
            assertEquals(List.of("3=item3", "4=item4", "5=item5"), read(q, "x.org", 0));
            q.acknowledge("x.org", 0);
            q.acknowledge("x.org", 1); // already gone: nothing happens
        });
        run(st -> {
            OutgoingQueues q = st.outgoingQueues();
            assertEquals(List.of("3=item3", "4=item4", "5=item5"), read(q, "x.org", 0));
            q.acknowledge("x.org", Long.MAX_VALUE);
            assertEquals(List.of(), read(q, "x.org", 0));
            assertEquals(List.of("y.org"), q.destinations(), "an emptied queue is not listed");
            assertEquals(List.of("1=y1"), read(q, "y.org", 0), "other destinations keep theirs");
        });
        reopen();
        run(st -> {
            assertEquals(6, st.outgoingQueues().append("x.org", b("item6")), "numbers continue after an empty queue and a restart");
            assertEquals(List.of("x.org", "y.org"), st.outgoingQueues().destinations());
        });
        assertEquals(List.of("6=item6"), inStep(st -> read(st.outgoingQueues(), "x.org", 0)));
    }

    @Test
    void discardedAppendsAndAcknowledgementsLeaveNothing() {
        run(st -> st.outgoingQueues().append("x.org", b("kept")));
        try (StepScope scope = storage.openStep()) {
            OutgoingQueues q = scope.outgoingQueues();
            assertEquals(2, q.append("x.org", b("gone")));
            q.acknowledge("x.org", 1);
            q.append("z.org", b("gone too"));
            scope.discard();
            assertEquals(List.of("1=kept"), read(q, "x.org", 0));
            assertEquals(List.of("x.org"), q.destinations());
            assertEquals(2, q.append("x.org", b("later")), "the discarded number was never handed out");
            scope.commit();
        }
        try (StepScope scope = storage.openStep()) {
            scope.outgoingQueues().append("x.org", b("never committed"));
        }
        assertEquals(List.of("1=kept", "2=later"), inStep(st -> read(st.outgoingQueues(), "x.org", 0)));
        assertThrows(IllegalArgumentException.class, () -> run(st -> st.outgoingQueues().append("x\norg", b("x"))));
    }
}
