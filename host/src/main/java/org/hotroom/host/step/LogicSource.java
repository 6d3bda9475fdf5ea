package org.hotroom.host.step;

import org.hotroom.api.Logic;
import org.hotroom.host.reload.NoLogicException;

/** Where a step gets its logic: normally the active generation of {@code LogicGenerations}. */
public interface LogicSource {

    /** The logic for one step; the caller must {@linkplain Lease#release release} it. */
    Lease acquire() throws NoLogicException;

    /** One step's hold on a logic; while held, the logic's bundle is not removed. */
    interface Lease {
        Logic logic();

        void release();
    }
}
