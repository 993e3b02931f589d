package io.orbitr.jdclient.monitoring;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the Prometheus text exposition format that jd-client serves on {@code /metrics}: one
 * {@code name{labels} value [timestamp]} per line, {@code #} comments. Series of one name with different labels
 * (one per channel, for example) are summed, which is what the per-instance totals need.
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * @param text the exposition text
     * @return each metric name's value, summed over its label sets; malformed lines are skipped
     */
    public static Map<String, Double> sums(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            if (space < 0) {
                continue;
            }
            String name;
            String rest;
            if (brace >= 0 && brace < space) {
                int close = line.lastIndexOf('}');
                if (close < brace) {
                    continue;
                }
                name = line.substring(0, brace);
                rest = line.substring(close + 1).strip();
            } else {
                name = line.substring(0, space);
                rest = line.substring(space + 1).strip();
            }
            String value = rest.split("\\s+")[0];
            try {
                double number = Double.parseDouble(value.replace("+Inf", "Infinity").replace("-Inf", "-Infinity"));
                if (Double.isFinite(number)) {
                    out.merge(name, number, Double::sum);
                }
            } catch (NumberFormatException e) {
                // not a sample line: skip it
            }
        }
        return out;
    }
}
