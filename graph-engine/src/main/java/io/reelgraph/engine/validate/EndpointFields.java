package io.reelgraph.engine.validate;

import com.fasterxml.jackson.databind.JsonNode;
import io.reelgraph.engine.graph.NodeId;
import io.reelgraph.engine.graph.Texts;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds members of a graph file that try to choose where requests go, such as a {@code baseUrl}
 * in a node's params. Provider base URLs come from the model catalog and the settings only, so a
 * shared graph that carries one is rejected rather than run with the member silently ignored.
 */
final class EndpointFields {

    /** Member names, lower case without '_' and '-', that name a host or an address. */
    private static final Set<String> NAMES = Set.of(
            "url", "uri", "baseurl", "baseuri", "apiurl", "apibase", "apibaseurl", "endpoint",
            "endpoints", "host", "hostname", "server", "serverurl", "proxy", "proxyurl",
            "origin", "webhook", "webhookurl", "callbackurl", "providerurl");

    /** A value that starts with a URL scheme, such as {@code https://} or {@code file:}. */
    private static final Pattern URL_VALUE =
            Pattern.compile("^\\s*[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);

    private EndpointFields() {
    }

    /**
     * Adds a problem for every member of a JSON object, at any depth, whose name is an
     * endpoint name. The place starts the message, such as "Graph file member".
     */
    static void check(JsonNode value, String place, Optional<NodeId> node,
            List<Problem> problems) {
        var fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            checkMember(place, field.getKey(), field.getValue(), false, node, problems);
        }
    }

    /**
     * Adds a problem when a param that the node's type does not define names an endpoint or
     * contains a URL, at any depth, and returns whether it did. No node type reads such a
     * param, but a graph that carries one is trying to redirect requests, so it is rejected.
     */
    static boolean checkUndefinedParam(String name, JsonNode value, NodeId node,
            List<Problem> problems) {
        return checkMember("Param", name, value, true, Optional.of(node), problems);
    }

    private static boolean checkMember(String place, String name, JsonNode value,
            boolean urlValues, Optional<NodeId> node, List<Problem> problems) {
        if (isEndpointName(name) || (urlValues && isUrl(value))) {
            problems.add(new Problem(Problem.Severity.ERROR, ProblemCodes.ENDPOINT_IN_GRAPH,
                    place + " \"" + Texts.shorten(name) + "\" sets an address ("
                            + Texts.shorten(value.isTextual() ? value.asText() : value.toString())
                            + "), but a graph file cannot choose where requests go: provider"
                            + " base URLs come from the model catalog and settings only. Remove"
                            + " it from the graph file",
                    node, Optional.empty()));
            return true;
        }
        int before = problems.size();
        if (value.isObject()) {
            check(value, place + " \"" + Texts.shorten(name) + "\" member", node, problems);
        } else if (value.isArray()) {
            for (JsonNode element : value) {
                if (element.isObject()) {
                    check(element, place + " \"" + Texts.shorten(name) + "\" member", node,
                            problems);
                }
            }
        }
        return problems.size() > before;
    }

    private static boolean isEndpointName(String name) {
        String normalised = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        return NAMES.contains(normalised);
    }

    private static boolean isUrl(JsonNode value) {
        return value.isTextual() && URL_VALUE.matcher(value.asText()).matches();
    }
}
