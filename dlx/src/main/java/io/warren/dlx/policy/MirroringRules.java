package io.warren.dlx.policy;

import java.util.List;
import java.util.Map;

/**
 * The cross-key rules of RabbitMQ 3.13's classic mirroring keys (rabbit_mirror_queue_misc):
 * ha-mode is required by the other ha-* keys and decides what ha-params must be. Warren does not
 * mirror, but accepts exactly what RabbitMQ accepts so that definitions import unchanged.
 */
final class MirroringRules {
    private MirroringRules() {
    }

    /** The complaint about the ha-* keys of {@code definition}, or null when they are fine. */
    static String check(Map<String, Object> definition) {
        Object mode = definition.get("ha-mode");
        boolean anyOther = PolicyKeys.MIRRORING.stream().anyMatch(k -> !k.equals("ha-mode") && definition.containsKey(k));
        if (mode == null) {
            return anyOther ? "ha-mode must be specified to specify ha-params, ha-sync-mode or ha-promote-on-shutdown"
                    : null;
        }
        Object params = definition.get("ha-params");
        return switch ((String) mode) {
            case "all" -> params == null ? null
                    : "ha-params: ha-mode=\"all\" does not take parameters, " + JsonValues.describe(params) + " given";
            case "exactly" -> JsonValues.isIntegerAtLeast(params, 1) ? null
                    : "ha-params: ha-mode=\"exactly\" takes an integer greater than 0, "
                            + (params == null ? "none" : JsonValues.describe(params)) + " given";
            case "nodes" -> isNodeList(params) ? null
                    : "ha-params: ha-mode=\"nodes\" takes a non-empty list of node names, "
                            + (params == null ? "none" : JsonValues.describe(params)) + " given";
            default -> null;
        };
    }

    private static boolean isNodeList(Object params) {
        return params instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(n -> n instanceof String);
    }
}
