package io.reelgraph.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads work items out of the {@code nodes} array of a plan or run report. */
final class PaidItems {

    private PaidItems() {
    }

    /** Returns every paid work item of the report. */
    static List<JsonNode> paid(JsonNode report) {
        List<JsonNode> paid = new ArrayList<>();
        for (JsonNode node : report.path("nodes")) {
            for (JsonNode item : node.path("items")) {
                if (item.path("paid").asBoolean()) {
                    paid.add(item);
                }
            }
        }
        return paid;
    }

    /** Returns the state of every work item, keyed {@code node/item}. */
    static Map<String, String> states(JsonNode report) {
        Map<String, String> states = new TreeMap<>();
        for (JsonNode node : report.path("nodes")) {
            for (JsonNode item : node.path("items")) {
                states.put(node.path("id").asText() + "/" + item.path("key").asText(),
                        item.path("state").asText());
            }
        }
        return states;
    }
}
