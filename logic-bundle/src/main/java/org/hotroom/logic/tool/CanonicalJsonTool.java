package org.hotroom.logic.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hotroom.logic.json.CanonicalJson;
import org.hotroom.logic.json.CanonicalJson.CanonicalJsonException;
import org.hotroom.logic.json.Json;

/**
 * {@code canonical-json}: {@code {"value": ANY}} to {@code {"canonical": "<the canonical JSON text>"}}
 * (appendices "Canonical JSON"), or an error for a value canonical JSON forbids: a fraction, an
 * integer outside [-(2^53)+1, 2^53-1]. (The request line itself is read strictly: duplicate keys
 * and lone surrogates are refused before this tool sees it.)
 */
public final class CanonicalJsonTool implements Tool {

    @Override
    public String name() {
        return "canonical-json";
    }

    @Override
    public String synopsis() {
        return "{\"value\": ANY} -> {\"canonical\": STRING}";
    }

    @Override
    public ObjectNode handle(ToolRequest request) {
        String canonical;
        try {
            canonical = CanonicalJson.encodeToString(request.require("value"));
        } catch (CanonicalJsonException e) {
            throw new ToolException("no canonical JSON: " + e.getMessage());
        }
        ObjectNode out = Json.object();
        out.put("canonical", canonical);
        return out;
    }
}
