package org.hotroom.logic.tool;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tools of {@code ./hotroom tool NAME}, by name; each is one {@link Tool} class and one entry
 * here.
 */
public final class Tools {

    private static final Map<String, Tool> BY_NAME;

    static {
        Map<String, Tool> m = new LinkedHashMap<>();
        for (Tool t : new Tool[] {new CanonicalJsonTool(), new SignTool(), new VerifyTool(), new HashEventTool(),
                new RedactTool(), new CheckAuthTool(), new org.hotroom.logic.stateres.ResolveStateTool()}) {
            m.put(t.name(), t);
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private Tools() {}

    public static Optional<Tool> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Collection<Tool> all() {
        return BY_NAME.values();
    }
}
