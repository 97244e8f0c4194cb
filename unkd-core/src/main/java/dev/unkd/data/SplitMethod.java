package dev.unkd.data;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses a splitter description as given on the command line: a method name, optionally
 * followed by {@code :key=value,...}.
 * <ul>
 * <li>{@code paper[:holdout=0.2,valid=0.2]} ({@link PaperSplitter})</li>
 * <li>{@code loo[:mode=latest|random,valid=true|false]} ({@link LeaveOneOutSplitter}; default latest, with validation)</li>
 * <li>{@code temporal[:train=0.8,valid=0.1]} ({@link TemporalSplitter})</li>
 * <li>{@code kds[:ratios=8/1/1,order=random|file]} ({@link KdsSplitter}; the KDs benchmark's per-user split)</li>
 * </ul>
 */
public final class SplitMethod {
    /** The method names. */
    public static final String NAMES = "paper|loo|temporal|kds";

    private SplitMethod() {
    }

    public static Splitter parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("Invalid split method: '" + spec + "' (expected " + NAMES + ")");
        }
        String s = spec.strip();
        int colon = s.indexOf(':');
        String name = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
        Map<String, String> params = params(colon < 0 ? "" : s.substring(colon + 1), spec);
        Splitter splitter = switch (name) {
            case "paper" -> new PaperSplitter(number(params.remove("holdout"), 0.2, spec), number(params.remove("valid"), 0.2, spec));
            case "loo" -> new LeaveOneOutSplitter(mode(params.remove("mode"), spec), bool(params.remove("valid"), true, spec));
            case "temporal" -> new TemporalSplitter(number(params.remove("train"), 0.8, spec), number(params.remove("valid"), 0.1, spec));
            case "kds" -> kds(params.remove("ratios"), params.remove("order"), spec);
            default -> throw new IllegalArgumentException("Invalid split method: '" + spec + "' (expected " + NAMES + ")");
        };
        if (!params.isEmpty()) {
            throw new IllegalArgumentException("Invalid split parameter(s) " + params.keySet() + " in '" + spec + "'");
        }
        return splitter;
    }

    private static Map<String, String> params(String text, String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Invalid split parameter: '" + part + "' in '" + spec + "' (expected key=value)");
            }
            out.put(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
        }
        return out;
    }

    private static double number(String value, double fallback, String spec) {
        if (value == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid number '" + value + "' in split '" + spec + "'");
        }
    }

    private static boolean bool(String value, boolean fallback, String spec) {
        if (value == null) {
            return fallback;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException("Invalid boolean '" + value + "' in split '" + spec + "'");
        };
    }

    private static KdsSplitter kds(String ratios, String order, String spec) {
        KdsSplitter defaults = KdsSplitter.DEFAULT;
        int[] weights = {defaults.trainWeight(), defaults.validWeight(), defaults.testWeight()};
        if (ratios != null) {
            String[] fields = ratios.split("/", -1);
            if (fields.length != 3) {
                throw new IllegalArgumentException("Invalid ratios '" + ratios + "' in split '" + spec + "' (expected TRAIN/VALID/TEST such as 8/1/1)");
            }
            for (int j = 0; j < 3; j++) {
                try {
                    weights[j] = Integer.parseInt(fields[j].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Invalid ratios '" + ratios + "' in split '" + spec
                            + "' (expected three integers TRAIN/VALID/TEST such as 8/1/1)");
                }
            }
        }
        KdsSplitter.Order itemOrder = defaults.order();
        if (order != null) {
            itemOrder = switch (order.toLowerCase(Locale.ROOT)) {
                case "random" -> KdsSplitter.Order.RANDOM;
                case "file" -> KdsSplitter.Order.FILE;
                default -> throw new IllegalArgumentException("Invalid order '" + order + "' in split '" + spec + "' (expected random or file)");
            };
        }
        return new KdsSplitter(weights[0], weights[1], weights[2], itemOrder);
    }

    private static LeaveOneOutSplitter.Mode mode(String value, String spec) {
        if (value == null) {
            return LeaveOneOutSplitter.Mode.LATEST;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "latest" -> LeaveOneOutSplitter.Mode.LATEST;
            case "random" -> LeaveOneOutSplitter.Mode.RANDOM;
            default -> throw new IllegalArgumentException("Invalid leave-one-out mode '" + value + "' in split '" + spec
                    + "' (expected latest or random)");
        };
    }
}
