package org.hotroom.storage.state;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.hotroom.storage.Bytes;

/**
 * A branch of {@link KeyHistoryStateStore}'s version tree as stored in {@code kh.branch}: room,
 * parent branch, fork offset, depth, tip, and a rolling log of the deltas of its last nodes.
 *
 * <p>The log holds the deltas of nodes {@code logStart..tip} (each non-empty): at most {@value
 * #LOG_NODES} nodes and {@value #LOG_ENTRIES} entries; older nodes fall out as new ones come, and a
 * delta too big for the log empties it ({@code logStart = tip + 1}). It exists so that a node can
 * be re-based from a short fork branch onto its parent branch ({@link KeyHistoryStateStore}'s
 * re-basing) without reading whole states: the changes on both sides since the fork are in the two
 * logs. Only the latest version of a record exists, so the log costs a few hundred bytes per
 * branch, not per node.
 *
 * <p>Encoding: varints {@code room, parent, fork, depth, tip, logStart}, then per logged node a
 * varint count and that many {@code (varint key, varint event)}.
 */
final class BranchRecord {

    static final int LOG_NODES = 32;
    static final int LOG_ENTRIES = 64;

    long room;
    long parent;
    long fork;
    int depth;
    long tip;
    long logStart;
    /** Deltas of nodes logStart..tip, oldest first. */
    final List<StateMap> log = new ArrayList<>();

    static BranchRecord decode(ByteBuffer v) {
        int[] p = {v.position()};
        BranchRecord r = new BranchRecord();
        r.room = Bytes.getVarint(v, p);
        r.parent = Bytes.getVarint(v, p);
        r.fork = Bytes.getVarint(v, p);
        r.depth = (int) Bytes.getVarint(v, p);
        r.tip = Bytes.getVarint(v, p);
        r.logStart = Bytes.getVarint(v, p);
        for (long o = r.logStart; o <= r.tip; o++) {
            int n = (int) Bytes.getVarint(v, p);
            StateMap.Builder b = new StateMap.Builder(n);
            for (int i = 0; i < n; i++) {
                b.add(Bytes.getVarint(v, p), Bytes.getVarint(v, p));
            }
            r.log.add(b.build());
        }
        return r;
    }

    /** A new branch whose first node (offset {@code first}) has {@code delta}. */
    static BranchRecord start(long room, long parent, long fork, int depth, long first, StateMap delta) {
        BranchRecord r = new BranchRecord();
        r.room = room;
        r.parent = parent;
        r.fork = fork;
        r.depth = depth;
        r.tip = first - 1;
        r.logStart = first;
        r.append(delta);
        return r;
    }

    /** Adds the next node (offset {@code tip + 1}) with its delta. */
    void append(StateMap delta) {
        tip++;
        if (delta.size() > LOG_ENTRIES) {
            log.clear();
            logStart = tip + 1;
            return;
        }
        log.add(delta);
        int entries = 0;
        for (StateMap m : log) {
            entries += m.size();
        }
        while (log.size() > LOG_NODES || entries > LOG_ENTRIES) {
            entries -= log.remove(0).size();
            logStart++;
        }
    }

    /** Whether the log has every node after offset {@code f} (up to the tip). */
    boolean logsAfter(long f) {
        return logStart <= f + 1;
    }

    /** The changes of nodes {@code f+1..tip} folded into one delta (later nodes win). */
    StateMap changesAfter(long f) {
        List<StateMap> parts = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            if (logStart + i > f) {
                parts.add(log.get(i));
            }
        }
        return StateMap.combine(parts);
    }

    byte[] encode() {
        ByteArrayOutputStream o = new ByteArrayOutputStream(32 + 10 * LOG_ENTRIES);
        Bytes.putVarint(o, room);
        Bytes.putVarint(o, parent);
        Bytes.putVarint(o, fork);
        Bytes.putVarint(o, depth);
        Bytes.putVarint(o, tip);
        Bytes.putVarint(o, logStart);
        for (StateMap m : log) {
            Bytes.putVarint(o, m.size());
            for (int i = 0; i < m.size(); i++) {
                Bytes.putVarint(o, m.key(i));
                Bytes.putVarint(o, m.event(i));
            }
        }
        return o.toByteArray();
    }
}
